package com.diffusionlab;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.PasswordPolicy;
import com.diffusionlab.identity.SignInThrottleProperties;
import com.diffusionlab.identity.internal.ApiKeyChecks;
import com.diffusionlab.identity.internal.ApiKeyProperties;
import com.diffusionlab.identity.internal.RequestAccounts;
import com.diffusionlab.identity.internal.SignInThrottle;
import com.diffusionlab.sessions.DefaultQuota;
import com.diffusionlab.sessions.SessionService;
import com.diffusionlab.tracking.ExperimentService;
import com.diffusionlab.tracking.RunAccess;
import com.diffusionlab.tracking.RunService;
import com.diffusionlab.tracking.internal.RunWindowReader;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The JPA slice the persistence and admission contracts run on: the schema from the migrations
 * (validated), and the services that write users, sessions and runs. A PostgreSQL test adds {@code
 * EmbeddedPostgresConfiguration} and keeps its database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@Import({
  IdentityService.class,
  RequestAccounts.class,
  SignInThrottle.class,
  ApiKeyChecks.class,
  PasswordPolicy.class,
  SessionService.class,
  RunService.class,
  RunAccess.class,
  RunWindowReader.class,
  ExperimentService.class,
  BCryptPasswordEncoder.class,
  NodeConfiguration.class
})
@EnableConfigurationProperties({
  DefaultQuota.class,
  SignInThrottleProperties.class,
  ApiKeyProperties.class
})
public @interface PersistenceSlice {}
