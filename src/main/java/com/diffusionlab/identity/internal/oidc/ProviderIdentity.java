package com.diffusionlab.identity.internal.oidc;

import com.diffusionlab.engine.InvalidRequestException;
import com.diffusionlab.identity.Usernames;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;

/**
 * Whom the identity provider signed in: its issuer, their subject there, and the name they would
 * have in the workspace.
 *
 * @param username their {@code preferred_username}, else their e-mail address, whichever first
 *     makes a username ({@link Usernames})
 */
public record ProviderIdentity(String issuer, String subject, String username) {

  /**
   * @throws OidcRefusal when neither claim makes a username
   */
  static ProviderIdentity of(String issuer, String subject, Map<String, Object> claims) {
    Object preferred = claims.get(StandardClaimNames.PREFERRED_USERNAME);
    Object email = claims.get(StandardClaimNames.EMAIL);
    String username =
        Stream.of(preferred, email)
            .filter(value -> value instanceof String)
            .map(String.class::cast)
            .filter(ProviderIdentity::isUsername)
            .findFirst()
            .orElseThrow(
                () ->
                    new OidcRefusal(
                        Usernames.shown(subject),
                        "neither your preferred_username ("
                            + Usernames.shown(String.valueOf(preferred))
                            + ") nor your email ("
                            + Usernames.shown(String.valueOf(email))
                            + ") makes a username here: "
                            + Usernames.ALLOWED));
    return new ProviderIdentity(issuer, subject, username);
  }

  private static boolean isUsername(String value) {
    try {
      Usernames.check("username", value);
      return true;
    } catch (InvalidRequestException malformed) {
      return false;
    }
  }
}
