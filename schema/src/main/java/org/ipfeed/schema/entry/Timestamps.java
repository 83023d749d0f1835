package org.ipfeed.schema.entry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The one text form of instants in entries: {@code 2024-05-01T12:00:00.000Z}, UTC, exactly three
 * fraction digits, years 0000 to 9999. Fixed width, so the text sorts as the instants do.
 */
public final class Timestamps {

  private static final Pattern FORM =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

  private Timestamps() {}

  /** The canonical text of {@code instant}, which must be whole milliseconds within range. */
  public static String format(Instant instant) {
    return FORMAT.format(require("timestamp", instant));
  }

  /**
   * Parses the canonical text form.
   *
   * @throws InvalidEntryException {@code invalid-timestamp} naming {@code field}
   */
  public static Instant parse(String field, String text) {
    if (!FORM.matcher(text).matches()) {
      throw invalid(field, text);
    }
    try {
      Instant instant = Instant.parse(text);
      if (!FORMAT.format(instant).equals(text)) {
        throw invalid(field, text);
      }
      return instant;
    } catch (DateTimeParseException e) {
      throw new InvalidEntryException(
          "invalid-timestamp",
          field + ": '" + text + "' is not a UTC time like 2024-05-01T12:00:00.000Z",
          e);
    }
  }

  /** Checks an instant can be written: whole milliseconds, years 0000 to 9999. */
  static Instant require(String field, Instant instant) {
    Check.present(field, instant);
    if (instant.getNano() % 1_000_000 != 0) {
      throw new InvalidEntryException(
          "invalid-timestamp", field + ": must be whole milliseconds, got " + instant);
    }
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw new InvalidEntryException(
          "invalid-timestamp", field + ": year outside 0000..9999: " + instant);
    }
    return instant;
  }

  /** {@code instant} cut to whole milliseconds, the precision entries carry. */
  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  private static InvalidEntryException invalid(String field, String text) {
    return new InvalidEntryException(
        "invalid-timestamp",
        field + ": '" + text + "' is not a UTC time like 2024-05-01T12:00:00.000Z");
  }
}
