/**
 * Reading blocks from other gateways, trustlessly.
 *
 * <p>{@link org.ipfeed.store.peer.PeerGatewayReader} asks each configured peer for {@code GET
 * {peer}/ipfs/{cid}?format=raw} with {@code Accept: application/vnd.ipld.raw} (the trustless
 * gateway's raw block response) and hashes what comes back against the CID before anyone sees it.
 * It implements {@link org.ipfeed.store.peer.BlockSource}, the read-only part of a block store,
 * because a peer is never written to.
 *
 * <p>Terms: a <em>peer</em> is another gateway's base URL. A peer's answer is <em>proper</em> when
 * it is a block that verifies, or a clear 404/410 ("not here"); everything else is a
 * <em>failure</em>: no connection, no complete answer within the time-out, a 5xx or other status,
 * an answer over the size limit, or bytes that do not hash to the CID.
 *
 * <p>Peer order, kept simple on purpose: peers are asked one at a time, in configured order, except
 * that a peer whose last exchange failed is moved to the end until its back-off ends (1 s after the
 * first failure, doubling to 5 min). It is still asked, last, so a block only it has can still be
 * read; one proper answer clears its record. {@link org.ipfeed.store.peer.PeerGatewayReader#status}
 * reports every peer's reachability for {@code /health}.
 *
 * <p>Errors: all peers said "not here" → {@code NotFoundException}. Otherwise the block may exist,
 * so the read fails with the worst failure a peer gave, a lie ({@code IntegrityException}, {@code
 * block-mismatch}) before an outage ({@code UpstreamException}: {@code peer-unreachable}, {@code
 * peer-timeout}, {@code peer-bad-status}, {@code peer-answer-too-large}), with the other peers'
 * errors attached as suppressed. Every message names the CID and the peer.
 *
 * <p>Tricky bits:
 *
 * <ul>
 *   <li>The reader uses Vert.x core's {@code HttpClient}, not {@code WebClient}. WebClient can stop
 *       buffering at a limit (a custom {@code BodyCodec}), but once the response head has arrived
 *       it has no handle to abort the exchange: measured here, after the codec refused the body at
 *       100 KB the client went on reading a peer's endless body (6.7 MB in 2 s) until the peer
 *       stopped. With the core client the reader checks {@code Content-Length} before reading,
 *       counts bytes as they arrive, and resets the stream (closing the HTTP/1.1 connection) at the
 *       limit or the deadline: at most {@code maxBlockBytes} are ever held, and a hostile peer
 *       costs one socket for at most {@code timeout}.
 *   <li>The time-out covers the whole exchange, connect to last byte, so a peer trickling one byte
 *       at a time cannot hold a read forever.
 *   <li>Redirects are not followed and the {@code Content-Type} is not trusted: only the hash is. A
 *       gateway that ignores {@code format=raw} and sends a deserialised file fails the hash and
 *       counts as a failure.
 *   <li>Bodies over 64 KiB are hashed on a worker thread, smaller ones on the event loop (a post is
 *       about 1 KB; the thread hop would cost more than the hash).
 * </ul>
 */
package org.ipfeed.store.peer;
