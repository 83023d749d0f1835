package org.ipfeed.schema.multiformats;

import java.util.Map;
import java.util.Optional;

/**
 * A multicodec number: what a sequence of bytes is. A value type over the code, so codes we do not
 * know still round-trip through a CID unchanged; {@link #name()} says {@code 0x...} for those.
 */
public record Multicodec(long code) {

  public static final Multicodec IDENTITY = new Multicodec(0x00);
  public static final Multicodec SHA2_256 = new Multicodec(0x12);
  public static final Multicodec RAW = new Multicodec(0x55);
  public static final Multicodec DAG_PB = new Multicodec(0x70);
  public static final Multicodec DAG_CBOR = new Multicodec(0x71);
  public static final Multicodec LIBP2P_KEY = new Multicodec(0x72);
  public static final Multicodec ED25519_PUB = new Multicodec(0xed);
  public static final Multicodec DAG_JSON = new Multicodec(0x0129);
  public static final Multicodec JSON = new Multicodec(0x0200);

  private static final Map<Long, String> NAMES =
      Map.of(
          0x00L, "identity",
          0x12L, "sha2-256",
          0x55L, "raw",
          0x70L, "dag-pb",
          0x71L, "dag-cbor",
          0x72L, "libp2p-key",
          0xedL, "ed25519-pub",
          0x0129L, "dag-json",
          0x0200L, "json");

  public Multicodec {
    if (code < 0) {
      throw new IllegalArgumentException("multicodec codes are unsigned: " + code);
    }
  }

  /** The codec named {@code name} ("dag-cbor", "raw", ...), if we know it. */
  public static Optional<Multicodec> byName(String name) {
    return NAMES.entrySet().stream()
        .filter(e -> e.getValue().equals(name))
        .map(e -> new Multicodec(e.getKey()))
        .findFirst();
  }

  /** Whether this is a code from the table above rather than one we only carry along. */
  public boolean isKnown() {
    return NAMES.containsKey(code);
  }

  /** The table name, or {@code 0x} and the code in hex when we do not know it. */
  public String name() {
    String name = NAMES.get(code);
    return name != null ? name : "0x" + Long.toHexString(code);
  }

  @Override
  public String toString() {
    return name();
  }
}
