package com.diffusionlab.scheduling.internal;

import com.diffusionlab.PersistenceSlice;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Admission under load on H2, the embedded default. */
@PersistenceSlice
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import(UsageSettlement.class)
class H2AdmissionIT extends AdmissionContract {}
