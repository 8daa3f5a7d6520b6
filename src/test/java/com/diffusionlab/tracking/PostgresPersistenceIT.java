package com.diffusionlab.tracking;

import com.diffusionlab.EmbeddedPostgresConfiguration;
import com.diffusionlab.NodeConfiguration;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.PasswordPolicy;
import com.diffusionlab.sessions.DefaultQuota;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.internal.RunWindowReader;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The persistence contract on a real PostgreSQL server, as production runs it. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({
  EmbeddedPostgresConfiguration.class,
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
class PostgresPersistenceIT extends PersistenceContract {}
