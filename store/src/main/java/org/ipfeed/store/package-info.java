/**
 * Block stores: where the bytes behind CIDs live, behind one asynchronous API.
 *
 * <p>{@link org.ipfeed.store.BlockStore} is the contract; every implementation returns Vert.x
 * futures, never blocks the calling event loop, and only ever hands out {@link
 * org.ipfeed.store.Block}s whose bytes were checked against their CID on the way in.
 *
 * <ul>
 *   <li>{@code local} — the embedded default: blocks on disk, durable before acknowledged.
 *   <li>{@code kubo} — a Kubo-compatible IPFS node over its RPC API (Kubo or js-ipfs).
 *   <li>{@code peer} — other gateways, read trustlessly ({@code /ipfs/{cid}?format=raw}).
 *   <li>{@code tiered} — local first, then the node, then peers; writes go through to the node with
 *       an outbox for when it is down.
 *   <li>{@code car} — CAR export of a DAG and verified CAR import, for any store.
 * </ul>
 *
 * <p>Terms: a <em>pin</em> keeps one block from garbage collection. Pins are direct, never
 * recursive: ipfeed pins every entry it accepts, so an author's log stays whole, while a recursive
 * pin of a post would drag in every post its replies and embeds link to.
 *
 * <p>Errors are the schema's vocabulary: {@code NotFoundException} for an absent block, {@code
 * IntegrityException} for bytes that do not match their CID (stored or received), {@code
 * UpstreamException} for a node or peer that is down, slow or wrong, {@code TooLargeException} over
 * the block size limit, {@code ConflictException} for deleting a pinned block.
 */
package org.ipfeed.store;
