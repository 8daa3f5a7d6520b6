package com.diffusionlab.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The signed-in user's row is read once per HTTP request (the session check, the password-change
 * check and {@code current()} of every API call share it), a request that changes users reads its
 * own changes, and outside a request every look-up reads the database.
 */
class RequestAccountsIT extends WorkspaceTestSupport {

  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void endRequest() {
    RequestContextHolder.resetRequestAttributes();
  }

  private static void inARequest() {
    RequestContextHolder.setRequestAttributes(
        new ServletRequestAttributes(new MockHttpServletRequest()));
  }

  private static <T> T asAdmin(Supplier<T> action) {
    return TestUsers.call("test-admin", Role.ADMIN, action);
  }

  private String researcher() {
    String name = "reader-" + System.nanoTime() % 1_000_000;
    asAdmin(() -> identity.create(name, TestUsers.ONE_TIME, Role.RESEARCHER));
    return name;
  }

  private void disableBehindTheServicesBack(String username) {
    jdbc.update("update users set enabled = false where username = ?", username);
  }

  @Test
  void aRequestReadsTheUserOnceAndLaterRequestsReadItAgain() {
    String ada = researcher();
    inARequest();
    long id = identity.find(ada).orElseThrow().id();

    assertThat(identity.stillStands(ada, Role.RESEARCHER)).isTrue();
    disableBehindTheServicesBack(ada);
    assertThat(identity.stillStands(ada, Role.RESEARCHER)).isTrue();
    assertThat(TestUsers.call(ada, Role.RESEARCHER, identity::current).id()).isEqualTo(id);

    RequestContextHolder.resetRequestAttributes();
    assertThat(identity.stillStands(ada, Role.RESEARCHER)).isFalse();
    inARequest();
    assertThat(identity.stillStands(ada, Role.RESEARCHER)).isFalse();
  }

  @Test
  void aRequestThatChangesAUserReadsItsChange() {
    String bob = researcher();
    inARequest();
    assertThat(identity.stillStands(bob, Role.RESEARCHER)).isTrue();
    assertThat(TestUsers.call(bob, Role.RESEARCHER, identity::mustChangePassword)).isTrue();

    asAdmin(() -> identity.update(bob, new AccountChanges(Role.VIEWER, null)));
    assertThat(identity.stillStands(bob, Role.RESEARCHER)).isFalse();
    assertThat(identity.stillStands(bob, Role.VIEWER)).isTrue();

    TestUsers.call(
        bob, Role.VIEWER, () -> identity.changePassword(TestUsers.ONE_TIME, TestUsers.PASSWORD));
    assertThat(TestUsers.call(bob, Role.VIEWER, identity::mustChangePassword)).isFalse();
    assertThat(TestUsers.call(bob, Role.VIEWER, identity::current).role()).isEqualTo(Role.VIEWER);
  }
}
