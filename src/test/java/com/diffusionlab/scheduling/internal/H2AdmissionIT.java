package com.diffusionlab.scheduling.internal;

import com.diffusionlab.NodeConfiguration;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.PasswordPolicy;
import com.diffusionlab.sessions.DefaultQuota;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.ExperimentService;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.internal.RunWindowReader;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Admission under load on H2, the embedded default. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({
  IdentityService.class,
  PasswordPolicy.class,
  SessionService.class,
  RunService.class,
  RunWindowReader.class,
  ExperimentService.class,
  UsageSettlement.class,
  BCryptPasswordEncoder.class,
  NodeConfiguration.class
})
@EnableConfigurationProperties(DefaultQuota.class)
class H2AdmissionIT extends AdmissionContract {}
