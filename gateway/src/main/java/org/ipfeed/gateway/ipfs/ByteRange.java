package org.ipfeed.gateway.ipfs;

import java.util.Optional;
import org.ipfeed.schema.error.BadInputException;

/**
 * One satisfiable byte range of a raw block, from a {@code Range} header. Only single ranges are
 * honoured; anything else (several ranges, other units, syntax this does not know) is answered with
 * the whole block, which RFC 9110 allows.
 *
 * @param first the first byte, inclusive
 * @param last the last byte, inclusive
 */
record ByteRange(int first, int last) {

  int length() {
    return last - first + 1;
  }

  String contentRange(int total) {
    return "bytes " + first + "-" + last + "/" + total;
  }

  /**
   * The range {@code header} asks for in a body of {@code total} bytes; empty when the whole body
   * should be sent; a {@code range-not-satisfiable} error when the range lies outside it.
   */
  static Optional<ByteRange> parse(String header, int total) {
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return Optional.empty();
    }
    String spec = header.substring("bytes=".length()).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    String startText = spec.substring(0, dash).strip();
    String endText = spec.substring(dash + 1).strip();
    Long start = number(startText);
    Long end = number(endText);
    boolean malformed =
        (start == null && !startText.isEmpty()) || (end == null && !endText.isEmpty());
    if (malformed || (start == null && end == null)) {
      return Optional.empty();
    }
    if (start == null) {
      // A suffix: the last `end` bytes.
      if (end == 0 || total == 0) {
        throw unsatisfiable(header, total);
      }
      int n = (int) Math.min(end, total);
      return Optional.of(new ByteRange(total - n, total - 1));
    }
    if (end != null && end < start) {
      return Optional.empty();
    }
    if (start >= total) {
      throw unsatisfiable(header, total);
    }
    long last = end == null ? total - 1 : Math.min(end, total - 1);
    return Optional.of(new ByteRange(start.intValue(), (int) last));
  }

  private static Long number(String text) {
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return Long.parseLong(text);
  }

  private static BadInputException unsatisfiable(String header, int total) {
    return new BadInputException(
        "range-not-satisfiable", header + " lies outside the block's " + total + " bytes");
  }
}
