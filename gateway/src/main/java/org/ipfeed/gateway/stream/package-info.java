/**
 * The live stream: every entry this node stores for the first time, announced to Server-Sent Events
 * subscribers as soon as it is durable.
 *
 * <p>{@link org.ipfeed.gateway.stream.Announcements} is the fan-out, fed by the ingest path (the
 * one place every new entry passes, whether a user posted it, an account was imported or a peer's
 * log was followed). {@link org.ipfeed.gateway.stream.StreamApi} serves {@code GET /api/v1/stream}
 * to browsers and to other gateways, which learn new heads from it (see {@code
 * org.ipfeed.gateway.follow}). An event names an entry, it does not carry it: a client fetches and
 * verifies the block itself, from {@code /ipfs/{cid}} or anywhere else.
 *
 * <p>A subscriber that cannot keep up is disconnected rather than buffered without bound; it
 * reconnects and catches up through the author head endpoint, which is what a live stream is for: a
 * hint that something is new, never the only way to learn it.
 */
package org.ipfeed.gateway.stream;
