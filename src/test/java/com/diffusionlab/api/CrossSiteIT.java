package com.diffusionlab.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.diffusionlab.TestUsers;
import com.diffusionlab.WorkspaceHttp;
import com.diffusionlab.WorkspaceTestSupport;
import com.diffusionlab.engine.image.PngWriter;
import com.diffusionlab.engine.image.RgbImage;
import com.diffusionlab.identity.IdentityService;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a page on another origin can make a signed-in browser do: read, never change. A POST with
 * only the session cookie (what a cross-site form sends) is refused with problem JSON and does
 * nothing; the sign-in itself needs the page's CSRF token; the session cookie is SameSite=Lax and
 * HttpOnly and never travels in a URL.
 */
class CrossSiteIT extends WorkspaceTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String EVIL = "http://evil.example";
  private static final Pattern META =
      Pattern.compile("<meta name=\"(_csrf(?:_parameter)?)\" content=\"([^\"]*)\"");

  @LocalServerPort int port;
  @Autowired IdentityService identity;

  /** No redirects followed and no cookies kept: every header is the test's to set and to see. */
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private WorkspaceHttp researcher;

  @BeforeEach
  void users() {
    ApiClients.ensureUsers(identity);
    researcher = new WorkspaceHttp(port, "researcher", TestUsers.PASSWORD);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The session cookie a response sets, whole (with its attributes). */
  private static Optional<String> sessionCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith("JSESSIONID="))
        .findFirst();
  }

  private static String nameAndValue(String setCookie) {
    return setCookie.split(";", 2)[0];
  }

  /** The sign-in page's session cookie and CSRF meta tags (parameter name, token). */
  private record LoginPage(String cookie, String parameter, String token) {}

  private LoginPage loginPage() {
    HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/login")).GET());
    assertThat(page.statusCode()).isEqualTo(200);
    Map<String, String> meta =
        META.matcher(page.body())
            .results()
            .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2), (a, b) -> a));
    assertThat(meta)
        .as("the sign-in page carries the CSRF token the login form sends")
        .containsKeys("_csrf", "_csrf_parameter");
    return new LoginPage(
        nameAndValue(sessionCookie(page).orElseThrow()),
        meta.get("_csrf_parameter"),
        meta.get("_csrf"));
  }

  private HttpResponse<String> postLogin(String cookie, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", EVIL)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return send(request);
  }

  /** Signs in through the form as the browser does; the signed-in session's Set-Cookie. */
  private String signIn() {
    LoginPage page = loginPage();
    HttpResponse<String> signedIn =
        postLogin(
            page.cookie(),
            Map.of(
                "username",
                "researcher",
                "password",
                TestUsers.PASSWORD,
                page.parameter(),
                page.token()));
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    return sessionCookie(signedIn).orElseThrow();
  }

  private int meStatus(String cookie) {
    return send(HttpRequest.newBuilder(uri("/api/v1/users/me")).header("Cookie", cookie).GET())
        .statusCode();
  }

  @Test
  void theSessionCookieIsLaxHttpOnlyAndNeverInAUrl() {
    String cookie = signIn();
    assertThat(cookie)
        .containsIgnoringCase("SameSite=Lax")
        .containsIgnoringCase("HttpOnly")
        .as("plain HTTP: not Secure (over TLS, or behind a proxy with forwarded headers, it is)")
        .doesNotContainIgnoringCase("Secure");
    HttpResponse<String> view = send(HttpRequest.newBuilder(uri("/runs")).GET());
    assertThat(view.statusCode()).isEqualTo(302);
    assertThat(view.headers().firstValue("Location").orElseThrow())
        .endsWith("/login")
        .doesNotContainIgnoringCase("jsessionid");
    assertThat(meStatus(nameAndValue(cookie))).as("the cookie signs the browser in").isEqualTo(200);
  }

  @Test
  void theSignInNeedsTheCsrfTokenOfItsPage() {
    Map<String, String> credentials =
        Map.of("username", "researcher", "password", TestUsers.PASSWORD);
    HttpResponse<String> without = postLogin(null, credentials);
    assertNotSignedIn(without);

    LoginPage page = loginPage();
    Map<String, String> wrong = new java.util.HashMap<>(credentials);
    wrong.put(page.parameter(), "not-the-token");
    assertNotSignedIn(postLogin(page.cookie(), wrong));
    assertThat(meStatus(page.cookie())).isEqualTo(401);

    LoginPage other = loginPage();
    Map<String, String> someoneElses = new java.util.HashMap<>(credentials);
    someoneElses.put(other.parameter(), other.token());
    assertNotSignedIn(postLogin(page.cookie(), someoneElses));
  }

  private void assertNotSignedIn(HttpResponse<String> answer) {
    assertThat(answer.statusCode() + " " + answer.headers().firstValue("Location").orElse(""))
        .as("refused: sent back to the sign-in page, not into the workspace")
        .matches("403 |302 http://localhost:\\d+/login");
    sessionCookie(answer)
        .ifPresent(cookie -> assertThat(meStatus(nameAndValue(cookie))).isEqualTo(401));
  }

  @Test
  void crossSitePostsWithOnlyTheCookieAreRefusedAndDoNothing() throws Exception {
    String cookie = nameAndValue(signIn());
    long id =
        researcher.generate(
            "{\"model\":\"tiny-shapes\",\"prompt\":\"a red ring\",\"steps\":1,\"seed\":5}");
    researcher.awaitStatus(id, "SUCCEEDED", Duration.ofMinutes(2));
    int runsBefore = researcher.get("/runs?size=1").get("totalElements").asInt();

    for (String action : List.of("/replay", "/cancel")) {
      assertRefused(
          send(
              HttpRequest.newBuilder(uri("/api/v1/runs/" + id + action))
                  .header("Cookie", cookie)
                  .header("Origin", EVIL)
                  .POST(HttpRequest.BodyPublishers.noBody())));
    }
    assertRefused(
        send(
            HttpRequest.newBuilder(uri("/api/v1/runs/" + id + "/tags"))
                .header("Cookie", cookie)
                .header("Origin", EVIL)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("[\"evil\"]"))));

    byte[] png = new PngWriter().encode(new RgbImage(8, 8, new byte[8 * 8 * 3]), List.of());
    String boundary = "evilboundary";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    assertRefused(
        send(
            HttpRequest.newBuilder(uri("/api/v1/artifacts"))
                .header("Cookie", cookie)
                .header("Origin", EVIL)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(
                    HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(png),
                        HttpRequest.BodyPublishers.ofByteArray(tail)))));

    assertThat(researcher.get("/runs?size=1").get("totalElements").asInt())
        .as("no replay was queued")
        .isEqualTo(runsBefore);
    JsonNode run = researcher.get("/runs/" + id);
    assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(run.get("tags").toString()).doesNotContain("evil");
    HttpResponse<String> stored =
        send(
            HttpRequest.newBuilder(uri("/api/v1/artifacts/" + sha256(png)))
                .header("Authorization", basic())
                .GET());
    assertThat(stored.statusCode()).as("the upload was not stored").isEqualTo(404);

    assertThat(meStatus(cookie)).as("reading with the cookie still works").isEqualTo(200);
    HttpResponse<String> withPassword =
        send(
            HttpRequest.newBuilder(uri("/api/v1/runs/" + id + "/cancel"))
                .header("Cookie", cookie)
                .header("Authorization", basic())
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(withPassword.statusCode()).as("with HTTP Basic it is allowed").isEqualTo(200);
  }

  private static void assertRefused(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
    assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.get("type").asString()).isEqualTo("/api/problems/unauthorized");
    assertThat(problem.get("detail").asString()).contains("Bearer").contains("only for GET");
    assertThat(answer.headers().allValues("Set-Cookie")).isEmpty();
  }

  private static String basic() {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(("researcher:" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
