package org.ipfeed.schema.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.multiformats.Multibase;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.schema.multiformats.Varint;

/**
 * A did:key identity of an Ed25519 public key, such as {@code
 * did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp}.
 *
 * <p>The text is {@code did:key:z} followed by the base58btc of the ed25519-pub multicodec varint
 * ({@code ed 01}) and the 32 key bytes. A value type: {@link #equals} compares the keys and {@link
 * #toString} is the canonical text, kept from parsing or built once, so printing costs nothing.
 */
public final class Did {

  private static final String PREFIX = "did:key:";

  private static final int ED25519_PUB_PREFIX_LENGTH = Varint.size(Multicodec.ED25519_PUB.code());

  /**
   * Far above the 56 characters of an Ed25519 did:key; base58 decoding is quadratic, so longer text
   * is refused before it is decoded.
   */
  private static final int MAX_LENGTH = 128;

  /**
   * Recently parsed identities. A gateway reads the same few thousand authors over and over, and
   * parsing one costs a base58 decode and a point validation (several microseconds, more than the
   * rest of decoding an entry). Only successful parses are kept; the map is cleared when full,
   * which is crude but bounded and never wrong, since a Did is immutable.
   */
  private static final int CACHE_SIZE = 16_384;

  private static final ConcurrentHashMap<String, Did> CACHE = new ConcurrentHashMap<>();

  private final PublicKey publicKey;
  private final String text;

  private Did(PublicKey publicKey, String text) {
    this.publicKey = publicKey;
    this.text = text;
  }

  /** The did:key of {@code publicKey}. */
  public static Did of(PublicKey publicKey) {
    byte[] key = publicKey.unsafeBytes();
    byte[] multicodec = new byte[ED25519_PUB_PREFIX_LENGTH + key.length];
    int offset = Varint.write(Multicodec.ED25519_PUB.code(), multicodec, 0);
    System.arraycopy(key, 0, multicodec, offset, key.length);
    return new Did(publicKey, PREFIX + Multibase.BASE58BTC.encode(multicodec));
  }

  /**
   * Parses a did:key of an Ed25519 key. The reasons follow the errors of the did:key method.
   *
   * @throws BadInputException {@code invalid-did} when the text is not {@code did:key:z} and
   *     base58btc; {@code unsupported-public-key-type} when the multicodec is not ed25519-pub;
   *     {@code invalid-public-key-length} unless the key is 32 bytes; {@code invalid-public-key}
   *     unless the bytes are a valid Ed25519 point (see {@link PublicKey#of})
   */
  public static Did parse(String text) {
    Objects.requireNonNull(text, "text");
    Did cached = CACHE.get(text);
    if (cached != null) {
      return cached;
    }
    Did parsed = parseUncached(text);
    if (CACHE.size() >= CACHE_SIZE) {
      CACHE.clear();
    }
    CACHE.put(text, parsed);
    return parsed;
  }

  private static Did parseUncached(String text) {
    if (text.length() > MAX_LENGTH) {
      throw invalid(text, "longer than " + MAX_LENGTH + " characters");
    }
    if (!text.startsWith(PREFIX)) {
      throw invalid(
          text,
          text.startsWith("did:") ? "the DID method must be 'key'" : "must start with did:key:");
    }
    if (text.length() == PREFIX.length()
        || text.charAt(PREFIX.length()) != Multibase.BASE58BTC.prefix()) {
      throw invalid(text, "the key must be multibase base58btc, starting with 'z'");
    }
    // Checked here rather than left to the decoder, whose message would quote the character raw.
    for (int i = PREFIX.length() + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '#' || c == '?' || c == '/' || c == ';') {
        throw invalid(text, "a DID URL (with a path, query or fragment), not a bare DID");
      }
      if (!isBase58(c)) {
        throw invalid(text, "character " + (i + 1) + " is not base58btc");
      }
    }
    byte[] multicodec;
    try {
      multicodec = Multibase.BASE58BTC.decodeBare(text.substring(PREFIX.length() + 1));
    } catch (BadInputException e) {
      throw new BadInputException("invalid-did", describe(text) + ": " + e.getMessage(), e);
    }
    long code;
    int keyOffset;
    try {
      Varint.Read read = Varint.read(multicodec, 0);
      code = read.value();
      keyOffset = read.length();
    } catch (BadInputException e) {
      throw new BadInputException(
          "invalid-did", describe(text) + ": no multicodec key type: " + e.getMessage(), e);
    }
    if (code != Multicodec.ED25519_PUB.code()) {
      throw new BadInputException(
          "unsupported-public-key-type",
          describe(text)
              + ": key type "
              + new Multicodec(code).name()
              + ", only ed25519-pub (0xed) is supported");
    }
    byte[] key = new byte[multicodec.length - keyOffset];
    System.arraycopy(multicodec, keyOffset, key, 0, key.length);
    try {
      return new Did(PublicKey.of(key), text);
    } catch (BadInputException e) {
      throw new BadInputException(e.reason(), describe(text) + ": " + e.getMessage(), e);
    }
  }

  /** Like {@link #parse} but empty instead of an exception. */
  public static Optional<Did> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (BadInputException e) {
      return Optional.empty();
    }
  }

  /** The Ed25519 key this identity stands for; it verifies the identity's signatures. */
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Did other && other.publicKey.equals(publicKey);
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  /** The canonical text, {@code did:key:z6Mk...}. */
  @Override
  public String toString() {
    return text;
  }

  /** The base58btc alphabet: digits and letters without 0, O, I and l. */
  private static boolean isBase58(char c) {
    return (c >= '1' && c <= '9')
        || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O')
        || (c >= 'a' && c <= 'z' && c != 'l');
  }

  private static BadInputException invalid(String text, String problem) {
    return new BadInputException("invalid-did", describe(text) + ": " + problem);
  }

  /**
   * The rejected text quoted for a message: control and non-ASCII characters become '?' so the
   * message stays on one line whatever was sent, and it is cut short so it stays readable.
   */
  private static String describe(String text) {
    int shown = Math.min(text.length(), 64);
    StringBuilder out = new StringBuilder(shown + 24).append("invalid DID '");
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (shown < text.length()) {
      out.append("...");
    }
    return out.append('\'').toString();
  }
}
