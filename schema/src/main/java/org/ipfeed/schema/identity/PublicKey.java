package org.ipfeed.schema.identity;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.ipfeed.schema.error.BadInputException;

/**
 * An Ed25519 public key: 32 bytes that are the canonical encoding of a curve point, checked when
 * the key is made. Immutable and safe to share between threads.
 *
 * <p>The decoded point is kept next to the bytes, so verifying many entries by one author decodes
 * the point once instead of once per signature.
 */
public final class PublicKey {

  /** Length of an encoded Ed25519 public key. */
  public static final int SIZE = Ed25519.PUBLIC_KEY_SIZE;

  /** Length of an Ed25519 signature, R followed by S. */
  public static final int SIGNATURE_SIZE = Ed25519.SIGNATURE_SIZE;

  private final byte[] bytes;
  private final Ed25519.PublicPoint point;
  private final int hash;

  private PublicKey(byte[] bytes, Ed25519.PublicPoint point) {
    this.bytes = bytes;
    this.point = point;
    this.hash = Arrays.hashCode(bytes);
  }

  /**
   * The key encoded by {@code bytes}.
   *
   * <p>Accepts exactly the canonical encodings of points on the curve that do not have small order;
   * see the package documentation for why the prime-order check is left out.
   *
   * @throws BadInputException {@code invalid-public-key-length} unless there are 32 bytes, {@code
   *     invalid-public-key} unless they encode a usable point
   */
  public static PublicKey of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != SIZE) {
      throw new BadInputException(
          "invalid-public-key-length",
          "an Ed25519 public key is " + SIZE + " bytes, got " + bytes.length);
    }
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyPartialExport(bytes, 0);
    if (point == null) {
      throw new BadInputException(
          "invalid-public-key",
          "not an Ed25519 public key: the bytes are not a canonical encoding of a curve point of"
              + " large order");
    }
    return new PublicKey(bytes.clone(), point);
  }

  /** The public key of a 32-byte seed; no validation needed, the point is seed·B. */
  static PublicKey fromSeed(byte[] seed) {
    Ed25519.PublicPoint point = Ed25519.generatePublicKey(seed, 0);
    byte[] encoded = new byte[SIZE];
    Ed25519.encodePublicPoint(point, encoded, 0);
    return new PublicKey(encoded, point);
  }

  /**
   * Whether {@code signature} is a valid Ed25519 signature of {@code message} by this key (RFC 8032
   * section 5.1.7; S must be below the group order).
   *
   * @return false for a signature that does not verify, including one that is not 64 bytes long
   */
  public boolean verify(byte[] message, byte[] signature) {
    return verify(message, 0, message.length, signature);
  }

  /**
   * Like {@link #verify(byte[], byte[])} for the {@code length} bytes of {@code message} that start
   * at {@code offset}, so a signed region can be checked where it lies in a larger buffer.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code message}
   */
  public boolean verify(byte[] message, int offset, int length, byte[] signature) {
    Objects.checkFromIndexSize(offset, length, message.length);
    if (signature.length != SIGNATURE_SIZE) {
      return false;
    }
    return Ed25519.verify(signature, 0, point, message, offset, length);
  }

  /** A copy of the 32 encoded bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The same bytes without a copy, for this package's encoders; callers must not modify them. */
  byte[] unsafeBytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && Arrays.equals(other.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** {@code PublicKey[<hex>]}; the text form to exchange is the {@link Did}. */
  @Override
  public String toString() {
    return "PublicKey[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
