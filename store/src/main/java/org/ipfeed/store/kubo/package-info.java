/**
 * A block store on an IPFS node through its RPC API ({@code POST /api/v0/...}), written for Kubo
 * and tested against js-ipfs 0.66.1, the one real node that installs from the registries we reach.
 * {@code docs/ipfs-node.md} lists every difference between the two that this package handles.
 *
 * <p>Terms: the <em>node</em> is the IPFS daemon; a <em>command error</em> is the node running a
 * command and reporting failure ({@code {"Message":...}}, usually with status 500, or in the {@code
 * X-Stream-Error} trailer of a 200 stream); the <em>node time-out</em> is the {@code timeout=} we
 * send, the <em>request time-out</em> the deadline we keep ourselves.
 *
 * <p>Tricky bits:
 *
 * <ul>
 *   <li>Neither node says "not found" for a block it lacks: both try to fetch it from the network
 *       and wait forever, even with no peers. So every call that can wait for a block carries
 *       {@code timeout=}, and a command error that says the time ran out means "not found". Because
 *       the request time-out is longer, a dead node (no answer at all) stays an {@code
 *       UpstreamException} and is never mistaken for a missing block.
 *   <li>{@code block/put} takes {@code format=<codec>}, not {@code cid-codec}: js-ipfs ignores
 *       {@code cid-codec} and silently stores a dag-pb CIDv0. We compute the CID ourselves and
 *       compare the node's by multihash and codec (js-ipfs may answer a CIDv0), never as text:
 *       answers mix base58btc ({@code zdpu...}, {@code zb2...}) and base32.
 *   <li>Pins are direct ({@code recursive=false}) everywhere, including {@code putPinned}, which is
 *       a put then a pin: {@code block/put?pin=true} pins recursively and would make the node fetch
 *       every linked block.
 *   <li>{@code block/rm} reports per block in a 200 stream; "not found" there is success and
 *       "pinned" a {@code ConflictException}. {@code force=true} is never sent: js-ipfs then also
 *       swallows the refusal to delete a pinned block.
 *   <li>Retries: only idempotent calls (everything except {@code pubsub/pub}, {@code dag/export},
 *       whose bytes may already have gone out, and subscriptions), only after a connection failure
 *       or a 5xx without an RPC error body, at most {@code maxRetries} times with doubling,
 *       jittered backoff. A command error is the node's considered answer and is not retried;
 *       neither is a time-out.
 *   <li>Limits are enforced while reading: an answer larger than allowed resets the request, which
 *       closes its connection, instead of being read to its end. That is why the transport is the
 *       core Vert.x {@code HttpClient} rather than {@code WebClient} (see {@code NodeRpc}).
 *   <li>Pubsub topics and payload fields are multibase base64url ({@code u...}); the subscription
 *       stream of js-ipfs starts with an empty {@code {}} line, which is skipped.
 * </ul>
 */
package org.ipfeed.store.kubo;
