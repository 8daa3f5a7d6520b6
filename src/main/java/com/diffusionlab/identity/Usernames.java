package com.diffusionlab.identity;

import com.diffusionlab.engine.InvalidRequestException;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a username may be, and how two are compared: without regard to case. */
public final class Usernames {

  public static final String ALLOWED = "2 to 64 letters, digits, '.', '_', '-' or '@'";

  // '@': identity providers name people by their e-mail address (Entra ID's preferred_username)
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._@-]{2,64}");

  /** Longest piece of a refused value echoed back in an error. */
  private static final int SHOWN = 80;

  private Usernames() {}

  /**
   * @throws InvalidRequestException naming {@code field} when the username is malformed
   */
  public static void check(String field, String username) {
    if (username == null || !FORM.matcher(username).matches()) {
      throw new InvalidRequestException(field, shown(username), ALLOWED);
    }
  }

  /** The form two usernames are compared in. */
  public static String key(String username) {
    return username.toLowerCase(Locale.ROOT);
  }

  /** A refused value as errors echo it: cut short, since hostile input may be long. */
  public static String shown(String value) {
    if (value == null) {
      return "(none)";
    }
    return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
  }
}
