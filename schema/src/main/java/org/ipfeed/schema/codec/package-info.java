/**
 * Strict IPLD codecs: DAG-CBOR (what entries are stored, hashed and signed as) and DAG-JSON (what
 * people and JSON tools read).
 *
 * <p>Strict means each value has exactly one accepted encoding, so {@code encode(decode(bytes))}
 * gives back {@code bytes} for everything the decoder accepts. That matters because CIDs and
 * signatures are computed over bytes: a decoder that accepted two encodings of one value would let
 * one post have two addresses and let a signature "verify" over bytes nobody signed. Every
 * rejection is a {@link org.ipfeed.schema.codec.CodecException} naming the {@link
 * org.ipfeed.schema.codec.CodecRule} and the byte offset.
 *
 * <p>Tricky bits:
 *
 * <ul>
 *   <li>DAG-CBOR sorts map keys by encoded length first, DAG-JSON purely bytewise: the same map has
 *       its keys in different orders in the two codecs.
 *   <li>A length or count in a header is checked against the bytes actually left before anything is
 *       allocated, so a 20-byte input claiming 2^60 elements fails at once.
 *   <li>Jackson's CBOR parser is not used for reading: it silently accepts non-minimal integers,
 *       indefinite lengths and foreign tags. The reader here works on bytes.
 * </ul>
 */
package org.ipfeed.schema.codec;
