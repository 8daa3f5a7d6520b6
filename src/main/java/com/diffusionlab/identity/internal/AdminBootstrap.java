package com.diffusionlab.identity.internal;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.PasswordPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator, {@code admin}, on the first start: with the password from {@code
 * DLAB_ADMIN_PASSWORD} ({@code dlab.admin.password}), which must pass the password policy (else the
 * start fails, saying why), or a generated one printed once, to be changed at the first sign-in.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
  private static final String ADMIN = "admin";

  private final IdentityService identity;
  private final PasswordPolicy policy;
  private final String configuredPassword;

  AdminBootstrap(
      IdentityService identity,
      PasswordPolicy policy,
      @Value("${dlab.admin.password:}") String password) {
    this.identity = identity;
    this.policy = policy;
    this.configuredPassword = password;
  }

  @Override
  public void run(ApplicationArguments args) {
    boolean generated = configuredPassword.isBlank();
    String password = generated ? policy.generate(ADMIN) : configuredPassword;
    if (!identity.createFirstAdmin(ADMIN, "DLAB_ADMIN_PASSWORD", password, generated)) {
      return;
    }
    if (generated) {
      // printed once: it is not stored anywhere but as a hash
      LOG.warn(
          "\n\n  First start: created user 'admin' with the one-time password  {}\n"
              + "  (change it at the first sign-in; set DLAB_ADMIN_PASSWORD to choose it)\n",
          password);
    } else {
      LOG.info("First start: created user 'admin' with the password from DLAB_ADMIN_PASSWORD");
    }
  }
}
