package org.ipfeed.indexer;

import java.nio.ByteBuffer;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.ipfeed.schema.error.BadInputException;

/**
 * Opaque page cursors: the sort values of the last item shown, base64url without padding.
 *
 * <p>A newest-first cursor is {@code 'n'}, the {@code createdAt} and the post id's order key
 * ({@link IdOrder}, two numbers), each 8 bytes big-endian; a relevance cursor puts the score (4
 * bytes, IEEE float) after an {@code 'r'}. The sort always ends on the id's key, so a cursor is a
 * position in a total order: the next page starts right after it whatever was added meanwhile.
 * Nothing in a cursor is trusted: a malformed one is bad input, never an exception from Lucene.
 */
final class Cursor {

  private static final byte NEWEST = 'n';
  private static final byte RELEVANCE = 'r';
  private static final int NEWEST_LENGTH = 1 + 8 + 16;
  private static final int RELEVANCE_LENGTH = 1 + 4 + 8 + 16;
  private static final int MAX_LENGTH = 256;

  private Cursor() {}

  /** The cursor after a newest-first hit, from its sort values: createdAt, id high, id low. */
  static String newest(Object[] sortValues) {
    ByteBuffer b = ByteBuffer.allocate(NEWEST_LENGTH);
    b.put(NEWEST).putLong((Long) sortValues[0]);
    b.putLong((Long) sortValues[1]).putLong((Long) sortValues[2]);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /** The cursor after a relevance hit, from its sort values: score, createdAt, id high, id low. */
  static String relevance(Object[] sortValues) {
    ByteBuffer b = ByteBuffer.allocate(RELEVANCE_LENGTH);
    b.put(RELEVANCE).putFloat((Float) sortValues[0]).putLong((Long) sortValues[1]);
    b.putLong((Long) sortValues[2]).putLong((Long) sortValues[3]);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /**
   * The position after which a newest-first page starts, as {@code searchAfter} takes it.
   *
   * @throws BadInputException {@code invalid-cursor}
   */
  static FieldDoc decodeNewest(String cursor) {
    ByteBuffer b = bytes(cursor, NEWEST, "newest-first");
    return new FieldDoc(
        Integer.MAX_VALUE, Float.NaN, new Object[] {b.getLong(), b.getLong(), b.getLong()});
  }

  /**
   * The position after which a relevance page starts.
   *
   * @throws BadInputException {@code invalid-cursor}
   */
  static FieldDoc decodeRelevance(String cursor) {
    ByteBuffer b = bytes(cursor, RELEVANCE, "relevance");
    float score = b.getFloat();
    if (Float.isNaN(score)) {
      throw invalid(cursor, "its score is not a number", null);
    }
    return new FieldDoc(
        Integer.MAX_VALUE, score, new Object[] {score, b.getLong(), b.getLong(), b.getLong()});
  }

  private static ByteBuffer bytes(String cursor, byte kind, String order) {
    if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
      throw invalid(cursor, "it is empty or longer than " + MAX_LENGTH + " characters", null);
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw invalid(cursor, "it is not base64url", e);
    }
    if (raw.length > 0 && raw[0] != kind) {
      if (raw[0] == NEWEST || raw[0] == RELEVANCE) {
        throw invalid(
            cursor,
            "it continues a "
                + (raw[0] == NEWEST ? "newest-first" : "relevance")
                + " listing, not a "
                + order
                + " one",
            null);
      }
      throw invalid(cursor, "it does not start like a cursor this index issues", null);
    }
    int length = kind == NEWEST ? NEWEST_LENGTH : RELEVANCE_LENGTH;
    if (raw.length != length) {
      throw invalid(cursor, "it is " + raw.length + " bytes long, not " + length, null);
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    b.get();
    return b;
  }

  private static BadInputException invalid(String cursor, String why, Throwable cause) {
    String shown = cursor.length() > 40 ? cursor.substring(0, 40) + "..." : cursor;
    return new BadInputException(
        "invalid-cursor",
        "invalid page cursor '"
            + shown.replaceAll("[^\\x20-\\x7e]", "?")
            + "': "
            + why
            + "; pass back the cursor of the previous page unchanged",
        cause);
  }
}
