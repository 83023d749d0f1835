package org.ipfeed.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.ipfeed.schema.entry.Limits;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.TooLargeException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;

/**
 * A block whose bytes are known to match its CID: made by hashing bytes ({@link #of}) or by
 * checking bytes against a CID someone claimed ({@link #verified}). No other way exists, so holding
 * a {@code Block} means holding verified bytes. The array is never exposed for writing.
 */
public final class Block {

  /** The largest block any store accepts: 1 MiB, as IPFS nodes exchange them. */
  public static final int MAX_BYTES = Limits.MAX_BLOCK_BYTES;

  private final Cid cid;
  private final byte[] bytes;

  private Block(Cid cid, byte[] bytes) {
    this.cid = cid;
    this.bytes = bytes;
  }

  /** The block of {@code bytes} as {@code codec}, addressed by a sha2-256 CIDv1. */
  public static Block of(byte[] bytes, Multicodec codec) {
    requireSize(bytes.length);
    byte[] copy = bytes.clone();
    return new Block(Cid.of(codec, copy), copy);
  }

  /**
   * A block from bytes someone says belong to {@code cid}.
   *
   * @throws IntegrityException {@code block-mismatch} naming the CID when they do not
   * @throws org.ipfeed.schema.error.BadInputException {@code unsupported-hash} when the CID's hash
   *     function is not one we can compute
   * @throws TooLargeException {@code block-too-large} over {@link #MAX_BYTES}
   */
  public static Block verified(Cid cid, byte[] bytes) {
    Objects.requireNonNull(cid, "cid");
    requireSize(bytes.length);
    byte[] copy = bytes.clone();
    if (!cid.matches(copy)) {
      throw new IntegrityException(
          "block-mismatch", "the bytes received for " + cid + " do not hash to that CID");
    }
    return new Block(cid, copy);
  }

  private static void requireSize(int length) {
    if (length > MAX_BYTES) {
      throw new TooLargeException(
          "block-too-large", "a block of " + length + " bytes exceeds " + MAX_BYTES, MAX_BYTES);
    }
  }

  public Cid cid() {
    return cid;
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** The bytes as a read-only buffer over the block's own array: no copy, for writers. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /** Copies the bytes into {@code out} at {@code offset}, for writers that avoid a copy. */
  public void copyTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, bytes.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Block b && b.cid.equals(cid) && Arrays.equals(b.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return cid.hashCode();
  }

  @Override
  public String toString() {
    return "Block[" + cid + ", " + bytes.length + " bytes]";
  }
}
