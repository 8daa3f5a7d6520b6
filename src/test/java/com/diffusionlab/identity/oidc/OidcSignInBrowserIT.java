package com.diffusionlab.identity.oidc;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diffusionlab.AuditEvent;
import com.diffusionlab.TestUsers;
import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.AccountChanges;
import com.diffusionlab.identity.IdentityService;
import com.diffusionlab.identity.Role;
import com.diffusionlab.identity.UserAccount;
import com.diffusionlab.ui.BrowserTestSupport;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Sign-in through the company's identity provider, end to end: an issuer this test starts (Spring
 * Authorization Server) and the workspace configured for it, driven in Chromium through the real
 * redirects and the issuer's own sign-in form at a laptop's 1280×800.
 */
@TestPropertySource(
    properties = {
      // this context shares the workspace tests' database: it runs no jobs and is a node of its own
      "dlab.node.name=oidc-sign-in-it",
      "dlab.worker.on-web-node=false",
      "dlab.security.oidc.client-id=" + TestIssuer.CLIENT_ID,
      "dlab.security.oidc.client-secret=" + TestIssuer.CLIENT_SECRET,
      "dlab.security.oidc.display-name=Test IdP",
      "dlab.security.oidc.roles.admin=lab-admins",
      "dlab.security.oidc.roles.researcher=data-scientists,ml-engineers",
      "dlab.security.oidc.roles.viewer=staff"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(OidcSignInBrowserIT.Recording.class)
class OidcSignInBrowserIT extends BrowserTestSupport {

  private static final TestIssuer ISSUER =
      TestIssuer.start(
          Map.of(
              "oidc-rui", List.of("staff", "data-scientists"),
              "oidc-dan", List.of("staff"),
              "oidc-vic", List.of("staff"),
              "oidc-nemo", List.of("contractors"),
              // the workspace's own administrator is a local user of this name
              "admin", List.of("staff", "lab-admins")));

  @Autowired IdentityService identity;
  @Autowired RecordedEvents events;

  private final List<BrowserContext> windows = new ArrayList<>();

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    registry.add("dlab.security.oidc.issuer-uri", ISSUER::uri);
  }

  @AfterAll
  static void stopIssuer() {
    ISSUER.close();
  }

  @AfterEach
  void closeWindows() {
    windows.forEach(BrowserContext::close);
  }

  @Test
  void aFirstSignInMakesTheAccountWithTheRoleItsGroupsMapTo() {
    Page page = window();
    page.navigate(app("login"));
    assertThat(page.locator("#provider-sign-in")).hasText("Sign in with Test IdP");
    assertThat(page.locator("#provider-sign-in")).isInViewport();
    assertThat(page.locator("input[name='username']")).isVisible();
    screenshot(page, "login-identity-provider");
    assertThat(spilling(page)).as("the sign-in page at 1280×800").isEmpty();
    assertNoHorizontalOverflow(page);

    page.locator("#provider-sign-in").click();
    signInAtIssuer(page, "oidc-rui");
    assertThat(page.locator("#current-user")).hasText("oidc-rui · researcher");
    // the identity provider keeps the password
    assertThat(page.locator("#change-password-link")).isHidden();
    page.navigate(app("password"));
    assertThat(page.locator("#password-elsewhere")).containsText(ISSUER.uri());

    UserAccount rui = asAdmin(() -> identity.account("oidc-rui"));
    assertThat(rui.role()).isEqualTo(Role.RESEARCHER);
    assertThat(rui.identityProvider()).isEqualTo(ISSUER.uri());
    assertThat(rui.mustChangePassword()).isFalse();
    assertThat(rui.lastSignInAt()).as("recorded from Spring Security's success event").isNotNull();
    assertThat(events.audited("user.provision", "user oidc-rui"))
        .singleElement()
        .satisfies(
            provisioned -> {
              assertThat(provisioned.outcome()).isEqualTo(AuditEvent.Outcome.SUCCEEDED);
              assertThat(provisioned.detail()).contains(ISSUER.uri()).contains("RESEARCHER");
            });
    assertThat(events.signedIn()).contains("oidc-rui");

    assertThatThrownBy(() -> asAdmin(() -> identity.resetPassword("oidc-rui", "Any-Long-Pass-91")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("password=")
        .hasMessageContaining("signs in through " + ISSUER.uri());
    assertThatThrownBy(
            () -> asAdmin(() -> identity.update("oidc-rui", new AccountChanges(Role.ADMIN, null))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("role=ADMIN")
        .hasMessageContaining("claim decides their role");
    assertThatThrownBy(
            () ->
                TestUsers.call(
                    "oidc-rui",
                    Role.RESEARCHER,
                    () -> identity.changePassword("anything", "Any-Long-Pass-91")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("currentPassword=");

    // no local password to sign in with
    Page form = window();
    form.navigate(app("login"));
    form.locator("input[name='username']").fill("oidc-rui");
    form.locator("input[name='password']").fill(TestIssuer.PASSWORD);
    form.locator("vaadin-button[slot='submit'], button[type='submit']").first().click();
    assertThat(form).hasURL(Pattern.compile(".*/login\\?error.*"));
  }

  @Test
  void aChangedClaimChangesTheRoleAtTheNextSignIn() {
    Page page = window();
    page.navigate(app("login"));
    page.locator("#provider-sign-in").click();
    signInAtIssuer(page, "oidc-dan");
    assertThat(page.locator("#current-user")).hasText("oidc-dan · viewer");

    ISSUER.groups("oidc-dan", "staff", "lab-admins");
    Page again = window();
    again.navigate(app("login"));
    again.locator("#provider-sign-in").click();
    signInAtIssuer(again, "oidc-dan");
    assertThat(again.locator("#current-user")).hasText("oidc-dan · admin");
    assertThat(asAdmin(() -> identity.account("oidc-dan")).role()).isEqualTo(Role.ADMIN);
    assertThat(events.audited("user.role", "user oidc-dan"))
        .singleElement()
        .satisfies(changed -> assertThat(changed.detail()).startsWith("VIEWER → ADMIN"));
    // the session signed in as a viewer ends at its next request: the role it stood for is gone
    page.navigate(app("runs"));
    assertThat(page.locator("#provider-sign-in")).isVisible();
  }

  @Test
  void aDisabledUserIsRefused() {
    Page page = window();
    page.navigate(app("login"));
    page.locator("#provider-sign-in").click();
    signInAtIssuer(page, "oidc-vic");
    assertThat(page.locator("#current-user")).hasText("oidc-vic · viewer");
    asAdmin(() -> identity.update("oidc-vic", new AccountChanges(null, false)));

    Page again = window();
    again.navigate(app("login"));
    again.locator("#provider-sign-in").click();
    signInAtIssuer(again, "oidc-vic");
    assertThat(again.locator("#provider-error"))
        .hasText(
            "Signed in at Test IdP, but oidc-vic is disabled in this workspace: ask an"
                + " administrator.");
    assertThat(again.locator("#current-user")).hasCount(0);
    assertThat(events.failedSignIns()).contains("oidc-vic");
  }

  @Test
  void aNameThatALocalUserHasIsNotTakenOver() {
    Page page = window();
    page.navigate(app("login"));
    page.locator("#provider-sign-in").click();
    signInAtIssuer(page, "admin");
    assertThat(page.locator("#provider-error"))
        .containsText("the username admin belongs to another account of this workspace");
    screenshot(page, "login-identity-provider-refused");
    assertThat(asAdmin(() -> identity.account("admin")).hasLocalPassword()).isTrue();
    assertThat(events.audited("user.provision", "user admin"))
        .singleElement()
        .satisfies(refused -> assertThat(refused.outcome()).isEqualTo(AuditEvent.Outcome.REFUSED));
    assertThat(events.failedSignIns()).contains("admin");
  }

  @Test
  void someoneWhoseGroupsMapToNoRoleIsRefused() {
    Page page = window();
    page.navigate(app("login"));
    page.locator("#provider-sign-in").click();
    signInAtIssuer(page, "oidc-nemo");
    assertThat(page.locator("#provider-error"))
        .hasText(
            "Signed in at Test IdP, but none of your groups gives a role in this workspace: ask an"
                + " administrator.");
    assertThat(asAdmin(() -> identity.find("oidc-nemo"))).isEmpty();
    assertThat(events.failedSignIns()).contains("oidc-nemo");
  }

  /** The workspace by its loopback address: the issuer allows any port there, not on localhost. */
  private String app(String path) {
    return "http://127.0.0.1:" + port + "/" + path;
  }

  private Page window() {
    BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    context.setDefaultTimeout(120_000);
    windows.add(context);
    return context.newPage();
  }

  /** Signs in on the issuer's own form, where the workspace sent the browser. */
  private static void signInAtIssuer(Page page, String user) {
    page.locator("input#username").fill(user);
    page.locator("input#password").fill(TestIssuer.PASSWORD);
    page.locator("button[type='submit']").click();
  }

  private static <T> T asAdmin(Supplier<T> action) {
    return TestUsers.call("test-admin", Role.ADMIN, action);
  }

  @TestConfiguration
  static class Recording {
    @Bean
    RecordedEvents recordedEvents() {
      return new RecordedEvents();
    }
  }

  /** Audit events and Spring Security's sign-in events, from whichever thread published them. */
  static class RecordedEvents {
    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private final List<String> signedIn = new CopyOnWriteArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();

    @EventListener
    void audited(AuditEvent event) {
      audit.add(event);
    }

    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
      signedIn.add(event.getAuthentication().getName());
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
      failed.add(event.getAuthentication().getName());
    }

    List<AuditEvent> audited(String action, String target) {
      return audit.stream()
          .filter(event -> event.action().equals(action) && event.target().equals(target))
          .toList();
    }

    List<String> signedIn() {
      return signedIn;
    }

    List<String> failedSignIns() {
      return failed;
    }
  }
}
