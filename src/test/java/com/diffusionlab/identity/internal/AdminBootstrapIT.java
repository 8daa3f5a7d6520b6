package com.diffusionlab.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.PasswordPolicy;
import com.diffusionlab.identity.Role;
import com.diffusionlab.identity.SignInThrottleProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The first start on an empty database: {@code admin} is made from {@code DLAB_ADMIN_PASSWORD} only
 * when the password policy allows it, else with a generated one-time password; later starts change
 * nothing.
 */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@Import({
  IdentityService.class,
  RequestAccounts.class,
  SignInThrottle.class,
  ApiKeyChecks.class,
  PasswordPolicy.class,
  BCryptPasswordEncoder.class
})
@EnableConfigurationProperties({SignInThrottleProperties.class, ApiKeyProperties.class})
class AdminBootstrapIT {

  @Autowired IdentityService identity;
  @Autowired PasswordPolicy policy;
  @Autowired UserRepository users;
  @Autowired PasswordEncoder encoder;

  private void start(String configuredPassword) {
    new AdminBootstrap(identity, policy, configuredPassword).run(null);
  }

  @Test
  void aWeakConfiguredPasswordStopsTheFirstStartAndCreatesNobody() {
    assertThat(identity.anyAdmin()).isFalse();
    for (String weak : new String[] {"admin-pass", "password1234", "My-admin-Lantern-9"}) {
      assertThatThrownBy(() -> start(weak))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageStartingWith("DLAB_ADMIN_PASSWORD=(hidden) is not allowed:")
          .satisfies(refused -> assertThat(refused.getMessage()).doesNotContain(weak));
    }
    assertThat(users.count()).isZero();
  }

  @Test
  void aGoodConfiguredPasswordMakesAdminWhoNeedNotChangeIt() {
    start("Kettle-Orchard-Velvet-17");
    UserEntity admin = users.findByUsername("admin").orElseThrow();
    assertThat(admin.role()).isEqualTo(Role.ADMIN);
    assertThat(admin.mustChangePassword()).isFalse();
    assertThat(encoder.matches("Kettle-Orchard-Velvet-17", admin.passwordHash())).isTrue();

    start("too-weak");
    assertThat(users.count()).as("a later start neither checks nor changes anything").isOne();
  }

  @Test
  void withoutAConfiguredPasswordAdminGetsAGeneratedOneTimePassword() {
    start("");
    UserEntity admin = users.findByUsername("admin").orElseThrow();
    assertThat(admin.role()).isEqualTo(Role.ADMIN);
    assertThat(admin.mustChangePassword()).isTrue();
  }
}
