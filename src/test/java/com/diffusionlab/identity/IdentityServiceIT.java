package com.diffusionlab.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.NotFoundException;
import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.scheduling.GenerationService;
import com.diffusionlab.scheduling.GenerationSubmission;
import com.diffusionlab.tracking.GenerationSettings;
import com.diffusionlab.tracking.Run;
import com.diffusionlab.tracking.RunService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Every rule of user management, as the service enforces it for the UI, the REST API and the
 * command line alike.
 */
class IdentityServiceIT extends WorkspaceTestSupport {

  private static final AtomicInteger NAMES = new AtomicInteger();

  @Autowired IdentityService identity;
  @Autowired UserDetailsService userDetails;
  @Autowired PasswordEncoder encoder;
  @Autowired GenerationService generations;
  @Autowired RunService runs;

  private static String name(String prefix) {
    return prefix + "-" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }

  private static <T> T asAdmin(Supplier<T> action) {
    return TestUsers.call("test-admin", Role.ADMIN, action);
  }

  private UserAccount create(String username, Role role) {
    return asAdmin(() -> identity.create(username, TestUsers.ONE_TIME, role));
  }

  private static InvalidRequestException refusal(Runnable action) {
    try {
      action.run();
    } catch (InvalidRequestException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  private void signsIn(String username, String password) {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetails);
    provider.setPasswordEncoder(encoder);
    provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
  }

  @Test
  void aNewUserSignsInWithTheOneTimePasswordAndMustChangeIt() {
    String ada = name("ada");
    UserAccount created = create(ada, Role.RESEARCHER);
    assertThat(created.mustChangePassword()).isTrue();
    assertThat(created.enabled()).isTrue();
    assertThat(created.role()).isEqualTo(Role.RESEARCHER);
    assertThat(created.theme()).isEqualTo(Theme.LIGHT);
    assertThatCode(() -> signsIn(ada, TestUsers.ONE_TIME)).doesNotThrowAnyException();
    TestUsers.as(
        ada,
        Role.RESEARCHER,
        () -> {
          assertThat(identity.mustChangePassword()).isTrue();
          UserAccount changed = identity.changePassword(TestUsers.ONE_TIME, TestUsers.PASSWORD);
          assertThat(changed.mustChangePassword()).isFalse();
          assertThat(identity.mustChangePassword()).isFalse();
        });
    assertThatThrownBy(() -> signsIn(ada, TestUsers.ONE_TIME)).isNotNull();
    assertThatCode(() -> signsIn(ada, TestUsers.PASSWORD)).doesNotThrowAnyException();
  }

  @Test
  void changingOnesPasswordNeedsTheCurrentOneAndANewOneThePolicyAllows() {
    String bea = name("bea");
    TestUsers.ensure(identity, bea, Role.VIEWER);
    TestUsers.as(
        bea,
        Role.VIEWER,
        () -> {
          InvalidRequestException wrong =
              refusal(() -> identity.changePassword("not-the-password-at-all", "Fresh-Lantern-99"));
          assertThat(wrong.errors())
              .singleElement()
              .satisfies(
                  e -> {
                    assertThat(e.field()).isEqualTo("currentPassword");
                    assertThat(e.value()).isEqualTo("(hidden)");
                  });
          assertThat(wrong.getMessage()).doesNotContain("not-the-password-at-all");
          assertThat(
                  refusal(() -> identity.changePassword(TestUsers.PASSWORD, "short"))
                      .errors()
                      .get(0)
                      .field())
              .isEqualTo("newPassword");
          assertThat(
                  refusal(() -> identity.changePassword(TestUsers.PASSWORD, "my-" + bea + "-pass"))
                      .getMessage())
              .startsWith("newPassword=(hidden)")
              .contains("username");
          assertThat(
                  refusal(() -> identity.changePassword(TestUsers.PASSWORD, TestUsers.PASSWORD))
                      .getMessage())
              .contains("other than the current one");
        });
  }

  @Test
  void aResetPasswordIsOneTimeAgain() {
    String cy = name("cy");
    TestUsers.ensure(identity, cy, Role.RESEARCHER);
    UserAccount reset = asAdmin(() -> identity.resetPassword(cy, "Reset-Harbor-Tulip-8"));
    assertThat(reset.mustChangePassword()).isTrue();
    assertThatCode(() -> signsIn(cy, "Reset-Harbor-Tulip-8")).doesNotThrowAnyException();
    assertThatThrownBy(() -> signsIn(cy, TestUsers.PASSWORD)).isNotNull();
    assertThat(
            refusal(() -> asAdmin(() -> identity.resetPassword(cy, "qazwsxedcrfv"))).getMessage())
        .startsWith("password=(hidden)")
        .contains("most common");
    assertThatThrownBy(() -> asAdmin(() -> identity.resetPassword("nobody-here", "Reset-Harbor-9")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void anAdministratorAddsUsersOnlyWithAGoodNameAndPassword() {
    String dee = name("Dee");
    create(dee, Role.VIEWER);
    assertThat(refusal(() -> create(dee.toUpperCase(), Role.VIEWER)).errors().get(0).allowed())
        .contains("taken")
        .contains("without case");
    assertThat(refusal(() -> create("no spaces allowed", Role.VIEWER)).errors().get(0).field())
        .isEqualTo("username");
    String eve = name("eve");
    InvalidRequestException weak =
        refusal(() -> asAdmin(() -> identity.create(eve, "password1234", Role.VIEWER)));
    assertThat(weak.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("password"));
    assertThat(weak.getMessage()).doesNotContain("password1234");
    assertThat(identity.find(eve)).as("nothing is created").isEmpty();
    assertThat(asAdmin(identity::accounts))
        .extracting(UserAccount::username)
        .contains(dee, "admin");
  }

  @Test
  void onlyAdministratorsManageUsers() {
    String fay = name("fay");
    TestUsers.ensure(identity, fay, Role.RESEARCHER);
    TestUsers.as(
        fay,
        Role.RESEARCHER,
        () -> {
          assertThatThrownBy(identity::accounts).isInstanceOf(AccessDeniedException.class);
          assertThatThrownBy(() -> identity.create(name("gil"), TestUsers.ONE_TIME, Role.ADMIN))
              .isInstanceOf(AccessDeniedException.class);
          assertThatThrownBy(() -> identity.update(fay, new AccountChanges(Role.ADMIN, null)))
              .isInstanceOf(AccessDeniedException.class);
          assertThatThrownBy(() -> identity.resetPassword("admin", "Taken-Over-Lantern-1"))
              .isInstanceOf(AccessDeniedException.class);
          assertThat(identity.me().username()).isEqualTo(fay);
        });
  }

  @Test
  void aDisabledUserCannotSignInAndKeepsEverythingUntilEnabledAgain() {
    String hal = name("hal");
    TestUsers.ensure(identity, hal, Role.RESEARCHER);
    UserAccount disabled = asAdmin(() -> identity.update(hal, new AccountChanges(null, false)));
    assertThat(disabled.enabled()).isFalse();
    assertThat(identity.stillStands(hal, Role.RESEARCHER)).isFalse();
    assertThatThrownBy(() -> signsIn(hal, TestUsers.PASSWORD))
        .isInstanceOf(DisabledException.class);
    asAdmin(() -> identity.update(hal, new AccountChanges(null, true)));
    assertThatCode(() -> signsIn(hal, TestUsers.PASSWORD)).doesNotThrowAnyException();
    assertThat(identity.stillStands(hal, Role.RESEARCHER)).isTrue();
    UserAccount promoted =
        asAdmin(() -> identity.update(hal, new AccountChanges(Role.ADMIN, null)));
    assertThat(promoted.role()).isEqualTo(Role.ADMIN);
    assertThat(identity.stillStands(hal, Role.RESEARCHER))
        .as("a session signed in with the old role ends")
        .isFalse();
  }

  @Test
  void anAdministratorCannotDisableThemselves() {
    String ivy = name("ivy");
    TestUsers.ensure(identity, ivy, Role.ADMIN);
    TestUsers.as(
        ivy,
        Role.ADMIN,
        () -> {
          InvalidRequestException refused =
              refusal(() -> identity.update(ivy, new AccountChanges(null, false)));
          assertThat(refused.errors().get(0).field()).isEqualTo("enabled");
          assertThat(refused.getMessage()).contains("cannot disable yourself");
        });
    assertThat(asAdmin(() -> identity.account(ivy)).enabled()).isTrue();
  }

  @Test
  void theLastEnabledAdministratorCanBeNeitherDisabledNorDemoted() {
    String last = name("last");
    TestUsers.ensure(identity, last, Role.ADMIN);
    List<String> others =
        asAdmin(identity::accounts).stream()
            .filter(a -> a.role() == Role.ADMIN && a.enabled() && !a.username().equals(last))
            .map(UserAccount::username)
            .toList();
    try {
      others.forEach(
          other -> asAdmin(() -> identity.update(other, new AccountChanges(null, false))));
      InvalidRequestException disabling =
          refusal(() -> asAdmin(() -> identity.update(last, new AccountChanges(null, false))));
      assertThat(disabling.errors().get(0).field()).isEqualTo("enabled");
      assertThat(disabling.getMessage()).contains("last enabled administrator");
      InvalidRequestException demoting =
          refusal(
              () -> asAdmin(() -> identity.update(last, new AccountChanges(Role.VIEWER, null))));
      assertThat(demoting.errors().get(0).field()).isEqualTo("role");
      assertThat(asAdmin(() -> identity.account(last)))
          .satisfies(a -> assertThat(a.enabled()).isTrue())
          .satisfies(a -> assertThat(a.role()).isEqualTo(Role.ADMIN));
    } finally {
      others.forEach(
          other -> asAdmin(() -> identity.update(other, new AccountChanges(null, true))));
    }
    assertThat(asAdmin(() -> identity.update(last, new AccountChanges(Role.VIEWER, null))).role())
        .as("with another administrator enabled again, it may be demoted")
        .isEqualTo(Role.VIEWER);
  }

  @Test
  void eachUserKeepsTheirTheme() {
    String jo = name("jo");
    TestUsers.ensure(identity, jo, Role.VIEWER);
    TestUsers.as(
        jo,
        Role.VIEWER,
        () -> {
          assertThat(identity.setTheme(Theme.DARK).theme()).isEqualTo(Theme.DARK);
          assertThat(identity.me().theme()).isEqualTo(Theme.DARK);
        });
  }

  @Test
  void aDisabledUsersRunsStayTheirs() {
    String kim = name("kim");
    LabUser user = TestUsers.ensure(identity, kim, Role.RESEARCHER);
    Run run =
        TestUsers.call(
            kim,
            Role.RESEARCHER,
            () ->
                generations.submit(
                    new GenerationSubmission(
                        null,
                        "before leaving",
                        GenerationSettings.of("tiny-sd1", "a green square")
                            .with("steps", 2)
                            .with("width", 16)
                            .with("height", 16)
                            .with("seed", 3))));
    Awaitility.await("run " + run.id() + " finishing")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> runs.find(run.id()).orElseThrow(), r -> r.status().finished());

    asAdmin(() -> identity.update(kim, new AccountChanges(null, false)));

    assertThat(runs.find(run.id()))
        .hasValueSatisfying(kept -> assertThat(kept.userId()).isEqualTo(user.id()));
    assertThat(identity.find(kim)).as("the account stays, disabled").isPresent();
    asAdmin(() -> identity.update(kim, new AccountChanges(null, true)));
    assertThat(runs.find(run.id())).isPresent();
  }

  @Test
  void aChangeThatChangesNothingIsRefusedAndAnUnknownUserIsNotFound() {
    String lu = name("lu");
    create(lu, Role.VIEWER);
    assertThat(refusal(() -> asAdmin(() -> identity.update(lu, new AccountChanges(null, null)))))
        .hasMessageContaining("role=(none)")
        .hasMessageContaining("a role or enabled");
    assertThatThrownBy(
            () -> asAdmin(() -> identity.update("nobody-here", new AccountChanges(null, false))))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nobody-here");
    assertThatThrownBy(() -> asAdmin(() -> identity.account("nobody-here")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void theFirstAdministratorIsMadeOnlyWhenThereIsNone() {
    String second = name("second-admin");
    assertThat(identity.createFirstAdmin(second, "DLAB_ADMIN_PASSWORD", "weak", false))
        .as("an administrator exists: neither created nor checked")
        .isFalse();
    assertThat(identity.find(second)).isEmpty();
    assertThat(asAdmin(() -> identity.account("admin")))
        .as("the first start made admin from DLAB_ADMIN_PASSWORD, which it need not change")
        .satisfies(admin -> assertThat(admin.role()).isEqualTo(Role.ADMIN))
        .satisfies(admin -> assertThat(admin.mustChangePassword()).isFalse());
    assertThatCode(() -> signsIn("admin", ADMIN_PASSWORD)).doesNotThrowAnyException();
  }
}
