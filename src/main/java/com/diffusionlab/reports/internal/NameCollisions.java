package com.diffusionlab.reports.internal;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses names that would be the same file or folder: exact duplicates, names equal but for case
 * or Unicode normalisation (one file on Windows and macOS, two on Linux), and a path that is a file
 * in one entry and a folder in another.
 */
final class NameCollisions {
  private enum Kind {
    FILE,
    FOLDER
  }

  /** The first spelling of a path and what it is. */
  private record Claim(String path, Kind kind) {}

  private final Set<String> names = new HashSet<>();
  private final Map<String, Claim> claims = new HashMap<>();

  /** Adds entry {@code name}, a name that passed {@link EntryNames#check}. */
  void add(String name) {
    if (!names.add(name)) {
      throw HostileArchiveException.entry(name, "names must be unique; it appears twice");
    }
    boolean folder = name.endsWith("/");
    String path = folder ? name.substring(0, name.length() - 1) : name;
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      claim(name, path.substring(0, slash), Kind.FOLDER);
    }
    claim(name, path, folder ? Kind.FOLDER : Kind.FILE);
  }

  private void claim(String name, String path, Kind kind) {
    Claim earlier = claims.putIfAbsent(fold(path), new Claim(path, kind));
    if (earlier == null) {
      return;
    }
    if (!earlier.path().equals(path)) {
      throw HostileArchiveException.entry(
          name,
          "names must differ in more than case or Unicode normalisation; '"
              + HostileArchiveException.printable(path)
              + "' and '"
              + HostileArchiveException.printable(earlier.path())
              + "' are one file on case-insensitive file systems");
    }
    if (earlier.kind() != kind) {
      throw HostileArchiveException.entry(
          name,
          "'" + HostileArchiveException.printable(path) + "' cannot be both a file and a folder");
    }
  }

  /** One key for every spelling a case-insensitive, normalising file system takes as the same. */
  private static String fold(String path) {
    return Normalizer.normalize(path, Normalizer.Form.NFC)
        .toUpperCase(Locale.ROOT)
        .toLowerCase(Locale.ROOT);
  }
}
