package org.ipfeed.indexer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.multiformats.Cid;

/**
 * Opaque page cursors: the sort values of the last item shown, base64url without padding.
 *
 * <p>A newest-first cursor is {@code 'n'}, the {@code createdAt} (8 bytes, big-endian) and the
 * post's id (UTF-8); a relevance cursor puts the score (4 bytes, IEEE float) after an {@code 'r'}.
 * The sort always ends on the unique id, so a cursor is a position in a total order: the next page
 * starts right after it whatever was added meanwhile. Nothing in a cursor is trusted: a malformed
 * one is bad input, never an exception from Lucene.
 */
final class Cursor {

  private static final byte NEWEST = 'n';
  private static final byte RELEVANCE = 'r';
  private static final int MAX_LENGTH = 256;

  private Cursor() {}

  static String newest(long createdAt, String id) {
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(1 + 8 + idBytes.length);
    b.put(NEWEST).putLong(createdAt).put(idBytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  static String relevance(float score, long createdAt, String id) {
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + 8 + idBytes.length);
    b.put(RELEVANCE).putFloat(score).putLong(createdAt).put(idBytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /**
   * The position after which a newest-first page starts, as {@code searchAfter} takes it.
   *
   * @throws BadInputException {@code invalid-cursor}
   */
  static FieldDoc decodeNewest(String cursor) {
    ByteBuffer b = bytes(cursor, NEWEST, "newest-first");
    long createdAt = b.getLong();
    return new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[] {createdAt, id(cursor, b)});
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
    long createdAt = b.getLong();
    return new FieldDoc(Integer.MAX_VALUE, score, new Object[] {score, createdAt, id(cursor, b)});
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
    int fixed = kind == NEWEST ? 1 + 8 : 1 + 4 + 8;
    if (raw.length <= fixed) {
      throw invalid(cursor, "it is too short", null);
    }
    if (raw[0] != kind) {
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
    ByteBuffer b = ByteBuffer.wrap(raw);
    b.get();
    return b;
  }

  private static BytesRef id(String cursor, ByteBuffer b) {
    byte[] idBytes = new byte[b.remaining()];
    b.get(idBytes);
    String id = new String(idBytes, StandardCharsets.UTF_8);
    if (Cid.tryParse(id).isEmpty()) {
      throw invalid(cursor, "it does not end in a post id", null);
    }
    return new BytesRef(idBytes);
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
