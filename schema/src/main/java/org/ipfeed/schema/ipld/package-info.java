/**
 * The IPLD data model: the values every IPLD codec can carry.
 *
 * <p>{@link org.ipfeed.schema.ipld.Ipld} is a sealed interface with one record per kind: null,
 * boolean, integer, float, string, bytes, list, map and link. A value has exactly one
 * representation, which is what makes "decode then encode gives back the same bytes" possible:
 *
 * <ul>
 *   <li>integers that fit a {@code long} are {@link org.ipfeed.schema.ipld.Ipld.Int}; only those
 *       outside it, down to -2^64 and up to 2^64-1 (what DAG-CBOR can carry), are {@link
 *       org.ipfeed.schema.ipld.Ipld.BigInt};
 *   <li>floats are finite: NaN and the infinities have no encoding in DAG-CBOR or DAG-JSON;
 *   <li>map keys are strings, kept in DAG-CBOR order (UTF-8 length first, then bytewise), so
 *       iterating a map is iterating its canonical encoding.
 * </ul>
 *
 * <p>Tricky bit: {@link org.ipfeed.schema.ipld.Ipld.List} and {@link
 * org.ipfeed.schema.ipld.Ipld.Map} shadow {@code java.util.List} and {@code java.util.Map} inside
 * this package's sources; write {@code Ipld.List} and {@code Ipld.Map} elsewhere.
 */
package org.ipfeed.schema.ipld;
