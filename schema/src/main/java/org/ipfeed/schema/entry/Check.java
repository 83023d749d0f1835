package org.ipfeed.schema.entry;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validations entry records run in their constructors. Each failure is an {@link
 * InvalidEntryException} whose message starts with the field, as in {@code post.text}.
 */
final class Check {

  private static final Pattern LANG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{1,8})*");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private Check() {}

  static <T> T present(String field, T value) {
    if (value == null) {
      throw new InvalidEntryException("missing-field", field + ": required");
    }
    return value;
  }

  static <T> Optional<T> optional(String field, Optional<T> value) {
    return Objects.requireNonNull(value, field);
  }

  /** A required text of 1 to {@code max} code points. */
  static String text(String field, String value, int max) {
    present(field, value);
    if (value.isEmpty()) {
      throw new InvalidEntryException("empty-field", field + ": must not be empty");
    }
    return within(field, value, max);
  }

  /** An optional text: absent, or 1 to {@code max} code points (empty is written as absent). */
  static Optional<String> optionalText(String field, Optional<String> value, int max) {
    optional(field, value).ifPresent(v -> text(field, v, max));
    return value;
  }

  private static String within(String field, String value, int max) {
    if (value.length() > max && value.codePointCount(0, value.length()) > max) {
      throw new InvalidEntryException("too-long", field + ": longer than " + max + " characters");
    }
    return value;
  }

  /** A list of at most {@code max} distinct items, copied. */
  static <T> List<T> list(String field, List<T> values, int max) {
    present(field, values);
    if (values.size() > max) {
      throw new InvalidEntryException("too-many", field + ": more than " + max + " items");
    }
    List<T> copy = List.copyOf(values);
    Set<T> seen = new HashSet<>();
    for (T v : copy) {
      if (!seen.add(v)) {
        throw new InvalidEntryException("duplicate-item", field + ": " + v + " appears twice");
      }
    }
    return copy;
  }

  static List<String> langs(String field, List<String> langs) {
    List<String> copy = list(field, langs, Limits.MAX_LANGS);
    for (String lang : copy) {
      if (lang.length() > Limits.MAX_LANG_TAG || !LANG.matcher(lang).matches()) {
        throw new InvalidEntryException(
            "invalid-field", field + ": '" + lang + "' is not a BCP 47 language tag");
      }
    }
    return copy;
  }

  /** Tags as {@link Tags} defines them. */
  static List<String> tags(String field, List<String> tags) {
    List<String> copy = list(field, tags, Limits.MAX_TAGS);
    for (String tag : copy) {
      within(field, tag, Limits.MAX_TAG);
      if (!Tags.isValid(tag)) {
        throw new InvalidEntryException(
            "invalid-field",
            field + ": '" + tag + "' must be lower-case letters, digits or '_', without '#'");
      }
    }
    return copy;
  }

  /** A label value: lower-case words joined by hyphens, such as {@code spam} or {@code gore}. */
  static String label(String field, String value) {
    text(field, value, Limits.MAX_LABEL);
    if (!LABEL.matcher(value).matches()) {
      throw new InvalidEntryException(
          "invalid-field", field + ": '" + value + "' must be lower-case words joined by '-'");
    }
    return value;
  }

  static int range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidEntryException(
          "out-of-range", field + ": " + value + " is outside " + min + ".." + max);
    }
    return value;
  }
}
