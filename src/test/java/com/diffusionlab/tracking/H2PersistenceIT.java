package com.diffusionlab.tracking;

import com.diffusionlab.NodeConfiguration;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.PasswordPolicy;
import com.diffusionlab.sessions.DefaultQuota;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.internal.RunWindowReader;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The persistence contract on H2, the embedded default (in memory here). */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@Import({
  IdentityService.class,
  PasswordPolicy.class,
  SessionService.class,
  RunService.class,
  RunWindowReader.class,
  ExperimentService.class,
  BCryptPasswordEncoder.class,
  NodeConfiguration.class
})
@EnableConfigurationProperties(DefaultQuota.class)
class H2PersistenceIT extends PersistenceContract {}
