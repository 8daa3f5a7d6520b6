package com.diffusionlab.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * API key secrets: {@code dlab_} and 32 random bytes from {@link SecureRandom} in base64url (256
 * bits, so that a fast hash is enough: nobody can guess one, and checking one costs a SHA-256
 * instead of a BCrypt), kept only as their SHA-256 in hex.
 */
@Component
public final class ApiKeySecrets {
  public static final String MARK = "dlab_";
  private static final int RANDOM_BYTES = 32;

  /** Characters of the secret after the mark shown as its prefix: not enough to guess the rest. */
  private static final int PREFIX_CHARS = 6;

  private static final Pattern FORM = Pattern.compile("dlab_[A-Za-z0-9_-]{43}");

  private final SecureRandom random = new SecureRandom();

  public String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code secret} has the form of a key's secret (checked before it is hashed). */
  public static boolean wellFormed(String secret) {
    return secret != null && FORM.matcher(secret).matches();
  }

  public static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(secret.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public static String prefix(String secret) {
    return secret.substring(0, MARK.length() + PREFIX_CHARS);
  }
}
