/**
 * Entries: the signed objects people publish, and the rules they must follow.
 *
 * <p>An entry is one DAG-CBOR map stored as one block. Every entry carries a header ({@code type},
 * {@code author}, {@code seq}, {@code prev}, {@code createdAt}), the fields of its type, and {@code
 * sig}: 64 bytes of Ed25519 over the DAG-CBOR encoding of the same map without {@code sig}. An
 * author's entries form a log: {@code seq} counts 1, 2, 3 ... and {@code prev} links each entry to
 * the one before it.
 *
 * <p>The types are the records that implement {@link org.ipfeed.schema.entry.Entry}; {@link
 * org.ipfeed.schema.entry.EntryCodec} turns them into IPLD and back, and {@link
 * org.ipfeed.schema.entry.SignedEntry} adds the signature, the block bytes and the CID. Every limit
 * is a named constant in {@link org.ipfeed.schema.entry.Limits}. The fields, with the reasons for
 * each, are written down in docs/data-model.md and, in IPLD Schema language, in
 * schema/ipfeed.ipldsch.
 *
 * <p>Tricky bits:
 *
 * <ul>
 *   <li>One value, one encoding. Optional fields are omitted when empty: an empty list, an empty
 *       string or a {@code false} flag written out is refused, and so is any field this version
 *       does not know. Decoding therefore re-encodes the entry and insists on the very bytes it was
 *       given, so a block's CID and its signature always cover the same thing.
 *   <li>{@code createdAt} is text, RFC 3339 in UTC with exactly three fraction digits ({@code
 *       2024-05-01T12:00:00.000Z}), so it sorts as text and reads the same in every language.
 *   <li>Nothing here looks anything up: whether {@code prev} is really the author's head, or
 *       whether a tombstone deletes one of the author's own entries, is for the code that has a
 *       store.
 * </ul>
 */
package org.ipfeed.schema.entry;
