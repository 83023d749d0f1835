package org.ipfeed.schema.codec;

/** The rules a strict IPLD decoder enforces; each names its {@link #reason()} for machines. */
public enum CodecRule {
  UNEXPECTED_END("unexpected-end", "unexpected end of data"),
  TRAILING_BYTES("trailing-bytes", "trailing bytes after top-level item"),
  MALFORMED("malformed", "not well-formed"),
  TOO_DEEP("too-deep", "nesting too deep"),
  NON_MINIMAL("non-minimal-encoding", "non-minimal integer/length encoding"),
  INDEFINITE_LENGTH("indefinite-length", "indefinite-length items not allowed"),
  UNDEFINED("undefined", "undefined not allowed"),
  SIMPLE_VALUE("simple-value", "simple value not allowed"),
  FLOAT_WIDTH("float-width", "floats must be 64-bit"),
  NON_FINITE_FLOAT("non-finite-float", "NaN/Infinity not allowed"),
  FOREIGN_TAG("foreign-tag", "tags other than 42 not allowed"),
  LINK_NOT_BYTES("link-not-bytes", "tag 42 must wrap a byte string"),
  CID_PREFIX("cid-prefix", "CID bytes must start with 0x00 multibase prefix"),
  INVALID_CID("invalid-cid", "invalid CID in link"),
  MAP_KEY_TYPE("map-key-type", "map keys must be strings"),
  MAP_KEY_ORDER("map-key-order", "map keys not in canonical order"),
  DUPLICATE_KEY("duplicate-key", "duplicate map key"),
  INVALID_UTF8("invalid-utf8", "strings must be valid UTF-8"),
  INTEGER_RANGE("integer-range", "integer outside [-2^64, 2^64-1]"),
  // DAG-JSON
  JSON_SYNTAX("json-syntax", "not valid JSON"),
  NON_CANONICAL("non-canonical", "not the canonical encoding"),
  RESERVED_NAMESPACE("reserved-namespace", "invalid use of the reserved \"/\" key"),
  INVALID_BASE64("invalid-base64", "invalid base64 bytes");

  private final String reason;
  private final String description;

  CodecRule(String reason, String description) {
    this.reason = reason;
    this.description = description;
  }

  /** Stable kebab-case name, the error's {@code reason}. */
  public String reason() {
    return reason;
  }

  /** What the rule says, in words. */
  public String description() {
    return description;
  }
}
