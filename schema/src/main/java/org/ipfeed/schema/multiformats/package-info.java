/**
 * Multiformats: the self-describing building blocks of content addressing.
 *
 * <ul>
 *   <li>{@link org.ipfeed.schema.multiformats.Varint} — unsigned LEB128, minimal, at most 9 bytes.
 *   <li>{@link org.ipfeed.schema.multiformats.Multicodec} — the numbers that say what bytes are
 *       (dag-cbor 0x71, raw 0x55, ed25519-pub 0xed ...).
 *   <li>{@link org.ipfeed.schema.multiformats.Multihash} — a hash function code, a length and a
 *       digest.
 *   <li>{@link org.ipfeed.schema.multiformats.Multibase} — a one-character prefix naming the text
 *       encoding of bytes.
 *   <li>{@link org.ipfeed.schema.multiformats.Cid} — version, content codec and multihash: the
 *       address of a block.
 * </ul>
 *
 * <p>Tricky bits: a varint must be minimal ({@code 81 00} is not 1). A CIDv0 is a bare sha2-256
 * multihash written in base58btc without a multibase prefix and always means dag-pb. Codes we do
 * not know are kept, not rejected, so a CID from elsewhere parses and prints back unchanged; only
 * hashing needs a function we implement. Two CIDs of the same bytes with different codecs are
 * different CIDs, so code that asks "do I have these bytes?" compares multihashes.
 */
package org.ipfeed.schema.multiformats;
