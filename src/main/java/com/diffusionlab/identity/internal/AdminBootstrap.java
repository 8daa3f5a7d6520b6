package com.diffusionlab.identity.internal;

import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator, {@code admin}, on the first start: with the password from {@code
 * DLAB_ADMIN_PASSWORD} ({@code dlab.admin.password}), or a generated one printed once.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  private final IdentityService identity;
  private final String configuredPassword;

  AdminBootstrap(IdentityService identity, @Value("${dlab.admin.password:}") String password) {
    this.identity = identity;
    this.configuredPassword = password;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (identity.anyAdmin()) {
      return;
    }
    boolean generated = configuredPassword.isBlank();
    String password = generated ? generate() : configuredPassword;
    identity.create("admin", password, Role.ADMIN);
    if (generated) {
      // printed once: it is not stored anywhere but as a hash
      LOG.warn(
          "\n\n  First start: created user 'admin' with password  {}\n"
              + "  (set DLAB_ADMIN_PASSWORD to choose it; change it after signing in)\n",
          password);
    } else {
      LOG.info("First start: created user 'admin' with the password from dlab.admin.password");
    }
  }

  private static String generate() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
