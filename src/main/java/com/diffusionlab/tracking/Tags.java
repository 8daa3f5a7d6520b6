package com.diffusionlab.tracking;

import com.diffusionlab.engine.InvalidRequestException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule for run and experiment tags: 1–64 letters, digits or {@code _.:-}, a few per object.
 * Every path that sets tags (the UI, the REST API, bundle imports) checks them here.
 */
public final class Tags {
  public static final int MAX_LENGTH = 64;
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_.:-]{1," + MAX_LENGTH + "}");

  private Tags() {}

  /**
   * @throws InvalidRequestException naming the first bad tag, or the count when there are too many
   */
  public static Set<String> check(Set<String> tags, int max) {
    if (tags == null) {
      throw new InvalidRequestException("tags", "null", "a list of at most " + max + " tags");
    }
    if (tags.size() > max) {
      throw new InvalidRequestException("tags", tags.size() + " tags", "at most " + max);
    }
    for (String tag : tags) {
      if (tag == null || !TAG.matcher(tag).matches()) {
        throw new InvalidRequestException(
            "tag", shown(tag), "1 to " + MAX_LENGTH + " letters, digits, '_', '.', ':' or '-'");
      }
    }
    return new LinkedHashSet<>(tags);
  }

  /** A refused tag as an error shows it: a long one is cut, so the answer stays small. */
  private static String shown(String tag) {
    return tag == null || tag.length() <= MAX_LENGTH
        ? tag
        : tag.substring(0, MAX_LENGTH) + "… (" + tag.length() + " characters)";
  }
}
