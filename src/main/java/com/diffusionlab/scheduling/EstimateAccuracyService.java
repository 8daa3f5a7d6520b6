package com.diffusionlab.scheduling;

import com.diffusionlab.identity.Permissions;
import com.diffusionlab.scheduling.internal.Estimator;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** How right estimates have been, for the Models view and the REST API. */
@Service
public class EstimateAccuracyService {

  private final Estimator estimator;

  EstimateAccuracyService(Estimator estimator) {
    this.estimator = estimator;
  }

  @PreAuthorize(Permissions.LOOK)
  public EstimateAccuracy accuracy() {
    return estimator.accuracy();
  }
}
