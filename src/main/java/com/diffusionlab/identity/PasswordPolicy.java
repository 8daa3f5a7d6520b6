package com.diffusionlab.identity;

import com.diffusionlab.engine.InvalidRequestException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What every password must be, wherever it is set (a new user, a reset, a change, the first admin's
 * {@code DLAB_ADMIN_PASSWORD}): at least 12 characters, at most 72 bytes, not the username nor
 * containing it, and not one of the 30,000 most common passwords (compared without case; the list
 * ships as {@code common-passwords.txt}, from zxcvbn, MIT licence). Errors name the field and what
 * is allowed, never the password.
 */
@Component
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 12;

  /** BCrypt reads no further: two passwords that differ only beyond it would share a hash. */
  public static final int MAX_BYTES = 72;

  /** What errors show in place of a refused password. */
  public static final String HIDDEN = "(hidden)";

  private static final String LIST = "common-passwords.txt";

  /** Generated passwords: no look-alike characters (0 O 1 l I), so they can be read out. */
  private static final String ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private static final int GENERATED_LENGTH = 20;

  private final Set<String> common;
  private final SecureRandom random = new SecureRandom();

  public PasswordPolicy() {
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
      if (in == null) {
        throw new IllegalStateException("the common-password list " + LIST + " is missing");
      }
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        common =
            lines
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many common passwords are refused. */
  public int commonPasswords() {
    return common.size();
  }

  /**
   * @param field the name the caller gave the password ({@code password}, {@code newPassword},
   *     {@code DLAB_ADMIN_PASSWORD})
   * @throws InvalidRequestException naming the field and what is allowed, with the value hidden
   */
  public void check(String field, String username, String password) {
    String allowed = problem(username, password);
    if (allowed != null) {
      throw new InvalidRequestException(field, HIDDEN, allowed);
    }
  }

  /** What is allowed that this password is not, or null when it passes. */
  private String problem(String username, String password) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
      int length = password == null ? 0 : password.codePointCount(0, password.length());
      return "at least " + MIN_LENGTH + " characters (this one has " + length + ")";
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "at most " + MAX_BYTES + " bytes in UTF-8 (BCrypt reads no further)";
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (username != null && !username.isEmpty() && lower.contains(Usernames.key(username))) {
      return "a password that neither is nor contains the username";
    }
    if (common.contains(lower)) {
      return "a password that is not one of the "
          + String.format(Locale.ROOT, "%,d", common.size())
          + " most common ones";
    }
    return null;
  }

  /** A random password that passes the policy for any username, to be changed at first use. */
  public String generate(String username) {
    while (true) {
      StringBuilder password = new StringBuilder(GENERATED_LENGTH);
      for (int i = 0; i < GENERATED_LENGTH; i++) {
        password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      if (problem(username, password.toString()) == null) {
        return password.toString();
      }
    }
  }
}
