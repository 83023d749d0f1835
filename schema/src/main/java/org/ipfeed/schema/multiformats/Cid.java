package org.ipfeed.schema.multiformats;

import java.util.Arrays;
import java.util.Optional;
import org.ipfeed.schema.error.BadInputException;

/**
 * A content identifier: the address of a block.
 *
 * <p>CIDv1 is {@code <version=1><codec><multihash>} and prints in base32 ({@code bafy...}); CIDv0
 * is a bare sha2-256 multihash of a dag-pb block that prints in base58btc ({@code Qm...}).
 * Immutable; {@link #equals} compares the binary form, {@link #toString} is the canonical text.
 */
public final class Cid implements Comparable<Cid> {

  private static final int V0_LENGTH = 34;

  private final int version;
  private final Multicodec codec;
  private final Multihash multihash;
  private final byte[] bytes;
  private final int hash;
  private String text; // computed on first use; racing threads compute the same string

  private Cid(int version, Multicodec codec, Multihash multihash) {
    this.version = version;
    this.codec = codec;
    this.multihash = multihash;
    if (version == 0) {
      this.bytes = multihash.bytes();
    } else {
      byte[] out = new byte[1 + Varint.size(codec.code()) + multihash.encodedLength()];
      int offset = Varint.write(1, out, 0);
      offset = Varint.write(codec.code(), out, offset);
      multihash.writeTo(out, offset);
      this.bytes = out;
    }
    this.hash = Arrays.hashCode(bytes);
  }

  /** The CIDv1 (sha2-256) of a block of the given codec. */
  public static Cid of(Multicodec codec, byte[] block) {
    return new Cid(1, codec, Multihash.sha256(block));
  }

  /** The CIDv1 (sha2-256) of a DAG-CBOR block. */
  public static Cid dagCbor(byte[] block) {
    return of(Multicodec.DAG_CBOR, block);
  }

  /** The CIDv1 (sha2-256) of a raw block. */
  public static Cid raw(byte[] block) {
    return of(Multicodec.RAW, block);
  }

  /** A CIDv1 from its parts. */
  public static Cid v1(Multicodec codec, Multihash multihash) {
    return new Cid(1, codec, multihash);
  }

  /** A CIDv0: always dag-pb and sha2-256. */
  public static Cid v0(Multihash multihash) {
    if (!multihash.function().equals(Multicodec.SHA2_256)) {
      throw new BadInputException("invalid-cid", "a CIDv0 must be a sha2-256 multihash");
    }
    return new Cid(0, Multicodec.DAG_PB, multihash);
  }

  /**
   * Parses the text form: {@code Qm...} (CIDv0) or multibase text of a binary CID.
   *
   * @throws BadInputException {@code invalid-cid} saying what is wrong
   */
  public static Cid parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new BadInputException("invalid-cid", "empty CID");
    }
    try {
      if (text.length() == 46 && text.startsWith("Qm")) {
        return decodeV0(Multibase.BASE58BTC.decodeBare(text));
      }
      byte[] binary = Multibase.decode(text);
      if (binary.length > 0 && binary[0] == 0x12) {
        throw new BadInputException(
            "invalid-cid", "a CIDv0 is written in bare base58btc, not multibase");
      }
      return decode(binary);
    } catch (BadInputException e) {
      if (e.reason().equals("invalid-cid")) {
        throw e;
      }
      throw new BadInputException(
          "invalid-cid", "invalid CID '" + text + "': " + e.getMessage(), e);
    }
  }

  /** Like {@link #parse} but empty instead of an exception. */
  public static Optional<Cid> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (BadInputException e) {
      return Optional.empty();
    }
  }

  /**
   * Decodes a binary CID that fills {@code bytes} exactly.
   *
   * @throws BadInputException {@code invalid-cid}
   */
  public static Cid decode(byte[] bytes) {
    Read read = read(bytes, 0);
    if (read.length() != bytes.length) {
      throw new BadInputException(
          "invalid-cid", (bytes.length - read.length()) + " bytes after the end of the CID");
    }
    return read.cid();
  }

  /** A CID read from bytes, with the number of bytes it took. */
  public record Read(Cid cid, int length) {}

  /**
   * Reads a binary CID at {@code offset}; bytes after it are left alone (a CAR section holds the
   * block right after its CID).
   *
   * @throws BadInputException {@code invalid-cid}
   */
  public static Read read(byte[] in, int offset) {
    try {
      if (in.length - offset >= 2 && in[offset] == 0x12 && in[offset + 1] == 0x20) {
        if (in.length - offset < V0_LENGTH) {
          throw new BadInputException("invalid-cid", "truncated CIDv0");
        }
        return new Read(decodeV0(Arrays.copyOfRange(in, offset, offset + V0_LENGTH)), V0_LENGTH);
      }
      Varint.Read version = Varint.read(in, offset);
      if (version.value() != 1) {
        throw new BadInputException("invalid-cid", "unsupported CID version " + version.value());
      }
      Varint.Read codec = Varint.read(in, offset + version.length());
      int at = offset + version.length() + codec.length();
      Multihash.Read mh = Multihash.read(in, at);
      return new Read(
          new Cid(1, new Multicodec(codec.value()), mh.multihash()), at + mh.length() - offset);
    } catch (BadInputException e) {
      if (e.reason().equals("invalid-cid")) {
        throw e;
      }
      throw new BadInputException("invalid-cid", "invalid binary CID: " + e.getMessage(), e);
    }
  }

  private static Cid decodeV0(byte[] binary) {
    if (binary.length != V0_LENGTH || binary[0] != 0x12 || binary[1] != 0x20) {
      throw new BadInputException("invalid-cid", "a CIDv0 is a 34-byte sha2-256 multihash");
    }
    return v0(Multihash.read(binary, 0).multihash());
  }

  public int version() {
    return version;
  }

  /** What the block's bytes are: dag-cbor, raw, dag-pb ... */
  public Multicodec codec() {
    return codec;
  }

  public Multihash multihash() {
    return multihash;
  }

  /** A copy of the binary form. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Length of the binary form. */
  public int byteLength() {
    return bytes.length;
  }

  /** Copies the binary form into {@code out} at {@code offset}; returns the offset after it. */
  public int writeTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, bytes.length);
    return offset + bytes.length;
  }

  /**
   * Whether {@code block} is the content this CID names.
   *
   * @throws BadInputException {@code unsupported-hash} when the hash function is not one we have
   */
  public boolean matches(byte[] block) {
    return multihash.matches(block);
  }

  /** The same content as a CIDv1 (a CIDv0 becomes dag-pb CIDv1). */
  public Cid toV1() {
    return version == 1 ? this : new Cid(1, codec, multihash);
  }

  /** The text form in a given base; CIDv0 has only its base58btc form. */
  public String toString(Multibase base) {
    if (version == 0) {
      if (base != Multibase.BASE58BTC) {
        throw new IllegalArgumentException("a CIDv0 prints only in base58btc");
      }
      return Multibase.BASE58BTC.encodeBare(bytes);
    }
    return base.encode(bytes);
  }

  /** The canonical text: base32 for CIDv1, base58btc for CIDv0. */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = version == 0 ? toString(Multibase.BASE58BTC) : toString(Multibase.BASE32);
      text = t;
    }
    return t;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cid c && c.hash == hash && Arrays.equals(c.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Orders by the binary form, unsigned bytewise: the order CAR indexes and sets use. */
  @Override
  public int compareTo(Cid other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }
}
