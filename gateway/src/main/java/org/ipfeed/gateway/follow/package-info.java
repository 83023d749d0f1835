/**
 * Following: keeping the logs of the follow set up to date from peer gateways.
 *
 * <p>The follow set ({@link org.ipfeed.gateway.follow.FollowSet}) is the authors this node's users
 * follow, plus the authors its operator configured. For each of them the node learns new heads two
 * ways: each peer's live stream ({@code /api/v1/stream}, which says within milliseconds that an
 * author has a new entry) and each peer's head endpoint ({@code /api/v1/authors/{did}}), polled now
 * and then and whenever a stream reconnects, so nothing announced while a stream was down is
 * missed. A peer that fails is left alone for a while, longer each time (up to five minutes).
 *
 * <p>A new head starts a {@link org.ipfeed.gateway.follow.LogSync}: the log is walked back along
 * {@code prev} from that head to the entry this node already has (or to the first entry), each
 * block fetched through the node's block store (local, then the IPFS node, then the peers'
 * trustless endpoints, every block checked against its CID), and the entries are then submitted
 * oldest first to the same ingest path a user's post takes, which checks signature and continuity
 * before anything is pinned or indexed. Nothing a peer says is trusted: a head it announces is only
 * a CID to fetch, and an entry is only stored once it verifies.
 *
 * <p>A log whose walk meets this node's log at the same {@code seq} with a different entry has
 * forked: its author signed two entries with one {@code seq}. The fork is recorded ({@link
 * org.ipfeed.gateway.follow.Forks}), logged, and shown with the author ({@code GET
 * /api/v1/authors/{did}}); the first entry this node accepted stays, as it does for submissions.
 */
package org.ipfeed.gateway.follow;
