package org.ipfeed.schema.multiformats;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.ipfeed.schema.error.BadInputException;

/**
 * A self-describing hash: function code, digest length, digest. Immutable; {@link #equals} compares
 * the code and the digest bytes.
 *
 * <p>Any function code parses, so foreign CIDs round-trip; {@link #matches} can only check the
 * functions we implement (sha2-256 and identity) and refuses the rest with {@code
 * unsupported-hash}.
 */
public final class Multihash {

  /** Digests longer than this are refused: no hash we meet is longer, and it bounds memory. */
  public static final int MAX_DIGEST_LENGTH = 128;

  private static final int SHA2_256_LENGTH = 32;
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every JDK has SHA-256", e);
            }
          });

  private final Multicodec function;
  private final byte[] digest;

  private Multihash(Multicodec function, byte[] digest) {
    this.function = function;
    this.digest = digest;
  }

  /** The sha2-256 multihash of {@code data}. */
  public static Multihash sha256(byte[] data) {
    return sha256(data, 0, data.length);
  }

  /** The sha2-256 multihash of {@code length} bytes of {@code data} from {@code offset}. */
  public static Multihash sha256(byte[] data, int offset, int length) {
    MessageDigest md = SHA256.get();
    md.update(data, offset, length);
    return new Multihash(Multicodec.SHA2_256, md.digest());
  }

  /** The identity multihash: the data itself, for blocks small enough to inline. */
  public static Multihash identity(byte[] data) {
    if (data.length > MAX_DIGEST_LENGTH) {
      throw new BadInputException(
          "invalid-multihash",
          "identity multihash of " + data.length + " bytes exceeds " + MAX_DIGEST_LENGTH);
    }
    return new Multihash(Multicodec.IDENTITY, data.clone());
  }

  /** A multihash from its parts, validated. */
  public static Multihash of(Multicodec function, byte[] digest) {
    if (digest.length > MAX_DIGEST_LENGTH) {
      throw new BadInputException(
          "invalid-multihash",
          "digest of " + digest.length + " bytes exceeds " + MAX_DIGEST_LENGTH);
    }
    if (function.equals(Multicodec.SHA2_256) && digest.length != SHA2_256_LENGTH) {
      throw new BadInputException(
          "invalid-multihash", "sha2-256 digest must be 32 bytes, got " + digest.length);
    }
    return new Multihash(function, digest.clone());
  }

  /** A multihash read from bytes, with the number of bytes it took. */
  public record Read(Multihash multihash, int length) {}

  /**
   * Reads a multihash at {@code offset}; bytes after it are left alone.
   *
   * @throws BadInputException {@code invalid-multihash} when truncated or malformed
   */
  public static Read read(byte[] in, int offset) {
    Varint.Read code = Varint.read(in, offset);
    Varint.Read length = Varint.read(in, offset + code.length());
    int start = offset + code.length() + length.length();
    if (length.value() > MAX_DIGEST_LENGTH) {
      throw new BadInputException(
          "invalid-multihash", "digest length " + length.value() + " exceeds " + MAX_DIGEST_LENGTH);
    }
    if (start + length.value() > in.length) {
      throw new BadInputException("invalid-multihash", "multihash digest is truncated");
    }
    byte[] digest = Arrays.copyOfRange(in, start, start + (int) length.value());
    return new Read(of(new Multicodec(code.value()), digest), start + digest.length - offset);
  }

  /** The hash function, such as sha2-256. */
  public Multicodec function() {
    return function;
  }

  /** A copy of the digest. */
  public byte[] digest() {
    return digest.clone();
  }

  /** The binary multihash: code, length, digest. */
  public byte[] bytes() {
    byte[] out = new byte[encodedLength()];
    writeTo(out, 0);
    return out;
  }

  int encodedLength() {
    return Varint.size(function.code()) + Varint.size(digest.length) + digest.length;
  }

  int writeTo(byte[] out, int offset) {
    offset = Varint.write(function.code(), out, offset);
    offset = Varint.write(digest.length, out, offset);
    System.arraycopy(digest, 0, out, offset, digest.length);
    return offset + digest.length;
  }

  /** Whether this function is one {@link #matches} can compute. */
  public boolean isSupported() {
    return function.equals(Multicodec.SHA2_256) || function.equals(Multicodec.IDENTITY);
  }

  /**
   * Whether {@code data} hashes to this multihash.
   *
   * @throws BadInputException {@code unsupported-hash} for a function we do not implement
   */
  public boolean matches(byte[] data) {
    return matches(data, 0, data.length);
  }

  /** Whether a slice of {@code data} hashes to this multihash. */
  public boolean matches(byte[] data, int offset, int length) {
    if (function.equals(Multicodec.SHA2_256)) {
      MessageDigest md = SHA256.get();
      md.update(data, offset, length);
      return MessageDigest.isEqual(md.digest(), digest);
    }
    if (function.equals(Multicodec.IDENTITY)) {
      return Arrays.equals(data, offset, offset + length, digest, 0, digest.length);
    }
    throw new BadInputException(
        "unsupported-hash", "hash function " + function.name() + " is not supported");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Multihash m
        && m.function.equals(function)
        && Arrays.equals(m.digest, digest);
  }

  @Override
  public int hashCode() {
    // The digest is uniformly distributed already; its first bytes make a good hash.
    return Arrays.hashCode(digest) * 31 + Long.hashCode(function.code());
  }

  @Override
  public String toString() {
    return function.name() + ":" + Multibase.BASE16.encodeBare(digest);
  }
}
