/**
 * CAR (Content Addressable aRchive): many blocks in one stream, the way IPFS exports a DAG ({@code
 * dag/export}), imports one ({@code dag/import}) and answers a trustless gateway request.
 *
 * <p>{@link org.ipfeed.schema.car.CarWriter} writes a CARv1; {@link
 * org.ipfeed.schema.car.CarReader} reads a CARv1 or a CARv2, one {@link
 * org.ipfeed.schema.car.CarBlock} at a time, and hands out only blocks that hash to their CID.
 *
 * <p>Terms:
 *
 * <ul>
 *   <li><b>header</b> — a length varint, then the DAG-CBOR map {@code {roots: [links], version:
 *       1}}.
 *   <li><b>section</b> — a length varint, then a binary CID, then the block's bytes; the length
 *       covers the CID and the block. The CID's own length is only known by parsing it.
 *   <li><b>roots</b> — the CIDs the CAR is about. Possibly none, and not necessarily among its
 *       blocks (a partial DAG names its root all the same).
 *   <li><b>CARv2</b> — an 11-byte pragma, a 40-byte header (characteristics, then little-endian
 *       data offset, data size and index offset), and a whole CARv1, the payload, at the data
 *       offset; an index of where each block is may follow. We read the payload and ignore the
 *       index: it only helps random access, and nothing here seeks.
 * </ul>
 *
 * <p>Tricky bits:
 *
 * <ul>
 *   <li>Every length comes from the input. Each is compared with {@link
 *       org.ipfeed.schema.car.CarReader.Limits} before anything is allocated for it, so a few bytes
 *       claiming a 2^62-byte section fail at once instead of exhausting the heap.
 *   <li>A CAR has no end marker: a stream that ends between sections is a complete CAR, one that
 *       ends inside a section is truncated. A CARv2 states its payload's size, so there ending
 *       early anywhere is truncation.
 *   <li>The CARv2 pragma is itself a valid CARv1 header length and DAG-CBOR map ({@code {version:
 *       2}} without roots), chosen so that a CARv1-only reader stops at the version. It is
 *       recognised only byte for byte; any other header saying version 2 is refused.
 *   <li>A block whose CID uses a hash function we cannot compute is refused, not passed on
 *       unchecked: "verify before you trust" has no exception for hashes we do not know.
 *   <li>Blocks are checked one at a time as they arrive, so a reader can hand out good blocks
 *       before it finds a bad one later in the stream. Callers that need all-or-nothing collect
 *       first and commit after the last block.
 * </ul>
 */
package org.ipfeed.schema.car;
