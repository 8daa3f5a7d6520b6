package com.diffusionlab.identity.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * An OpenID Connect issuer a test starts itself: Spring Authorization Server on a random port of
 * {@code localhost}, with one registered client (the workspace, redirected to on any port of
 * 127.0.0.1, as loopback redirects may be) and users who sign in on its own form with {@link
 * #PASSWORD}. Their ID tokens carry {@code preferred_username} and {@code groups}, which a test
 * changes between sign-ins.
 */
public final class TestIssuer implements AutoCloseable {

  public static final String CLIENT_ID = "diffusion-lab";
  public static final String CLIENT_SECRET = "issuer-test-client-secret";
  public static final String PASSWORD = "issuer-password";

  private final Map<String, List<String>> groups = new ConcurrentHashMap<>();
  private final AnnotationConfigServletWebServerApplicationContext context =
      new AnnotationConfigServletWebServerApplicationContext();

  private TestIssuer(Map<String, List<String>> users) {
    groups.putAll(users);
  }

  /** An issuer whose users are the keys, in the groups given. */
  public static TestIssuer start(Map<String, List<String>> users) {
    TestIssuer issuer = new TestIssuer(users);
    issuer.context.registerBean(TestIssuer.class, () -> issuer);
    issuer.context.register(IssuerConfiguration.class);
    issuer.context.refresh();
    return issuer;
  }

  /** The issuer's URL, as its tokens name it. */
  public String uri() {
    return "http://localhost:" + context.getWebServer().getPort();
  }

  /** Puts {@code user} in these groups from their next sign-in on. */
  public void groups(String user, String... names) {
    groups.put(user, List.of(names));
  }

  @Override
  public void close() {
    context.close();
  }

  /** A test component, so that the workspace tests' own component scan passes it by. */
  @TestConfiguration(proxyBeanMethods = false)
  @EnableWebSecurity
  static class IssuerConfiguration {

    @Bean
    TomcatServletWebServerFactory webServer() {
      TomcatServletWebServerFactory tomcat = new TomcatServletWebServerFactory(0);
      // Tomcat runs filters (the issuer's endpoints) only for requests some servlet is mapped to
      tomcat.setRegisterDefaultServlet(true);
      return tomcat;
    }

    @Bean
    @Order(1)
    SecurityFilterChain endpoints(HttpSecurity http) throws Exception {
      http.oauth2AuthorizationServer(
              server -> {
                http.securityMatcher(server.getEndpointsMatcher());
                server.oidc(Customizer.withDefaults());
              })
          .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .exceptionHandling(
              exceptions ->
                  exceptions.authenticationEntryPoint(
                      new LoginUrlAuthenticationEntryPoint("/login")))
          .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()));
      return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .formLogin(Customizer.withDefaults())
          .build();
    }

    /**
     * The JVM's security context holder as it is at each call: the workspace started after this
     * issuer installs its own (Vaadin's), and the issuer's endpoints read the global one.
     */
    @Bean
    SecurityContextHolderStrategy securityContextHolderStrategy() {
      return new SecurityContextHolderStrategy() {
        @Override
        public void clearContext() {
          SecurityContextHolder.getContextHolderStrategy().clearContext();
        }

        @Override
        public org.springframework.security.core.context.SecurityContext getContext() {
          return SecurityContextHolder.getContextHolderStrategy().getContext();
        }

        @Override
        public Supplier<org.springframework.security.core.context.SecurityContext>
            getDeferredContext() {
          return SecurityContextHolder.getContextHolderStrategy().getDeferredContext();
        }

        @Override
        public void setContext(org.springframework.security.core.context.SecurityContext context) {
          SecurityContextHolder.getContextHolderStrategy().setContext(context);
        }

        @Override
        public void setDeferredContext(
            Supplier<org.springframework.security.core.context.SecurityContext> deferred) {
          SecurityContextHolder.getContextHolderStrategy().setDeferredContext(deferred);
        }

        @Override
        public org.springframework.security.core.context.SecurityContext createEmptyContext() {
          return SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        }
      };
    }

    @Bean
    UserDetailsService users(TestIssuer issuer) {
      return new InMemoryUserDetailsManager(
          issuer.groups.keySet().stream()
              .map(name -> User.withUsername(name).password("{noop}" + PASSWORD).build())
              .toList());
    }

    @Bean
    RegisteredClientRepository clients() {
      return new InMemoryRegisteredClientRepository(
          RegisteredClient.withId("workspace")
              .clientId(CLIENT_ID)
              .clientSecret("{noop}" + CLIENT_SECRET)
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
              .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
              .redirectUri("http://127.0.0.1:8080/login/oauth2/code/oidc")
              .scope(OidcScopes.OPENID)
              .scope(OidcScopes.PROFILE)
              .scope(OidcScopes.EMAIL)
              .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
              .build());
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> groupsInIdTokens(TestIssuer issuer) {
      return token -> {
        if (OidcParameterNames.ID_TOKEN.equals(token.getTokenType().getValue())) {
          String name = token.getPrincipal().getName();
          token.getClaims().claim("preferred_username", name);
          token.getClaims().claim("groups", issuer.groups.getOrDefault(name, List.of()));
        }
      };
    }

    @Bean
    RSAKey signingKey() throws NoSuchAlgorithmException {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
          .privateKey((RSAPrivateKey) pair.getPrivate())
          .keyID("test-issuer")
          .build();
    }

    @Bean
    JWKSource<SecurityContext> keys(RSAKey signingKey) {
      return new ImmutableJWKSet<>(new JWKSet(signingKey));
    }

    @Bean
    JwtDecoder userInfoTokens(RSAKey signingKey) throws Exception {
      return NimbusJwtDecoder.withPublicKey(signingKey.toRSAPublicKey()).build();
    }

    @Bean
    AuthorizationServerSettings serverSettings() {
      return AuthorizationServerSettings.builder().build();
    }
  }
}
