package org.ipfeed.schema.codec;

import org.ipfeed.schema.error.BadInputException;

/**
 * Bytes that a strict codec refuses. Names the codec, the rule that failed and the byte offset
 * where the offending item starts.
 */
public final class CodecException extends BadInputException {

  private static final long serialVersionUID = 1L;

  private final String codec;
  private final CodecRule rule;
  private final long offset;

  public CodecException(String codec, CodecRule rule, long offset, String detail) {
    this(codec, rule, offset, detail, null);
  }

  public CodecException(String codec, CodecRule rule, long offset, String detail, Throwable cause) {
    super(rule.reason(), message(codec, rule, offset, detail), cause);
    this.codec = codec;
    this.rule = rule;
    this.offset = offset;
  }

  private static String message(String codec, CodecRule rule, long offset, String detail) {
    String text = codec + ": " + rule.description();
    if (detail != null && !detail.isEmpty()) {
      text += " (" + detail + ")";
    }
    return text + " at byte " + offset;
  }

  /** {@code dag-cbor} or {@code dag-json}. */
  public String codec() {
    return codec;
  }

  public CodecRule rule() {
    return rule;
  }

  /** Offset in the input of the item that broke the rule. */
  public long offset() {
    return offset;
  }
}
