package com.diffusionlab.tracking;

import com.diffusionlab.engine.InvalidRequestException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** The rule for run and experiment tags: 1–64 letters, digits or {@code _.:-}, a few per object. */
final class Tags {
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_.:-]{1,64}");

  private Tags() {}

  /**
   * @throws InvalidRequestException naming the first bad tag, or the count when there are too many
   */
  static Set<String> check(Set<String> tags, int max) {
    if (tags.size() > max) {
      throw new InvalidRequestException("tags", tags.size() + " tags", "at most " + max);
    }
    for (String tag : tags) {
      if (tag == null || !TAG.matcher(tag).matches()) {
        throw new InvalidRequestException(
            "tag", tag, "1 to 64 letters, digits, '_', '.', ':' or '-'");
      }
    }
    return new LinkedHashSet<>(tags);
  }
}
