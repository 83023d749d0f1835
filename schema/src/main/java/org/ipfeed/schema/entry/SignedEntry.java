package org.ipfeed.schema.entry;

import java.util.Arrays;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.error.TooLargeException;
import org.ipfeed.schema.identity.KeyPair;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/**
 * An entry with its signature, its block bytes and its CID: what is stored, sent and verified.
 *
 * <p>Made in two ways only. {@link #sign} encodes the entry without {@code sig}, signs exactly
 * those bytes, and encodes again with {@code sig}. {@link #decode} takes block bytes through the
 * checks in order — size, strict DAG-CBOR, schema, canonical form — and keeps the bytes it was
 * given; the signature is checked by {@link #verify}, kept separate so callers can run the cheap
 * checks first and the costly one last.
 */
public final class SignedEntry {

  private final Entry entry;
  private final byte[] signature;
  private final byte[] block;
  private final Cid cid;

  private SignedEntry(Entry entry, byte[] signature, byte[] block) {
    this.entry = entry;
    this.signature = signature;
    this.block = block;
    this.cid = DagCbor.cid(block);
  }

  /**
   * Signs {@code entry} with the author's key.
   *
   * @throws IllegalArgumentException when the key is not the entry author's
   */
  public static SignedEntry sign(Entry entry, KeyPair key) {
    if (!key.did().equals(entry.author())) {
      throw new IllegalArgumentException(
          "key " + key.did() + " cannot sign for author " + entry.author());
    }
    byte[] signature = key.sign(DagCbor.encode(EntryCodec.toIpld(entry)));
    byte[] block = DagCbor.encode(EntryCodec.toIpld(entry, signature));
    if (block.length > Limits.MAX_BLOCK_BYTES) {
      throw tooLarge(block.length);
    }
    return new SignedEntry(entry, signature, block);
  }

  /**
   * Reads a stored entry: size, strict DAG-CBOR, schema, and the bytes being exactly the canonical
   * encoding of what they say. Does not check the signature; see {@link #verify}.
   *
   * @throws TooLargeException when the block is over {@link Limits#MAX_BLOCK_BYTES}
   * @throws org.ipfeed.schema.codec.CodecException when the bytes are not strict DAG-CBOR
   * @throws InvalidEntryException when the value is not a valid entry
   */
  public static SignedEntry decode(byte[] block) {
    if (block.length > Limits.MAX_BLOCK_BYTES) {
      throw tooLarge(block.length);
    }
    Ipld value = DagCbor.decode(block);
    if (!(value instanceof Ipld.Map map)) {
      throw new InvalidEntryException(
          "wrong-kind", "entry: must be a map, not " + value.kind().name().toLowerCase());
    }
    EntryCodec.Signed read = EntryCodec.fromSignedIpld(map);
    // Strict decoding and strict fields should make this impossible to fail; checking it keeps
    // the promise that the CID and the signature cover one and the same value.
    if (!Arrays.equals(DagCbor.encode(EntryCodec.toIpld(read.entry(), read.signature())), block)) {
      throw new InvalidEntryException(
          "non-canonical-entry", "entry: the bytes are not the canonical encoding of the entry");
    }
    return new SignedEntry(read.entry(), read.signature(), block.clone());
  }

  /** Decodes and verifies: every check in order, signature last. */
  public static SignedEntry decodeVerified(byte[] block) {
    return decode(block).verify();
  }

  /**
   * Checks the signature against the author's key.
   *
   * @return this, for chaining
   * @throws InvalidEntryException {@code bad-signature}
   */
  public SignedEntry verify() {
    if (!hasValidSignature()) {
      throw new InvalidEntryException(
          "bad-signature",
          "entry.sig: the signature does not verify for "
              + entry.author()
              + " (entry "
              + cid
              + ")");
    }
    return this;
  }

  public boolean hasValidSignature() {
    return entry.author().publicKey().verify(unsignedBytes(), signature);
  }

  /** The bytes the signature covers: the DAG-CBOR encoding of the entry without {@code sig}. */
  public byte[] unsignedBytes() {
    return DagCbor.encode(EntryCodec.toIpld(entry));
  }

  public Entry entry() {
    return entry;
  }

  public EntryType type() {
    return entry.type();
  }

  public Cid cid() {
    return cid;
  }

  /** A copy of the 64 signature bytes. */
  public byte[] signature() {
    return signature.clone();
  }

  /** A copy of the block: the exact bytes the CID names. */
  public byte[] block() {
    return block.clone();
  }

  public int blockLength() {
    return block.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedEntry s && s.cid.equals(cid);
  }

  @Override
  public int hashCode() {
    return cid.hashCode();
  }

  @Override
  public String toString() {
    return entry.type() + " " + cid + " by " + entry.author() + " #" + entry.seq();
  }

  private static TooLargeException tooLarge(int length) {
    return new TooLargeException(
        "block-too-large",
        "entry block of " + length + " bytes exceeds " + Limits.MAX_BLOCK_BYTES,
        Limits.MAX_BLOCK_BYTES);
  }
}
