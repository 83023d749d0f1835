/**
 * The store a gateway actually uses: the local store in front, an IPFS node and peer gateways
 * behind it. docs/tiered-store.md explains the design at length; this is the summary.
 *
 * <p>Reads ({@link org.ipfeed.store.tiered.TieredBlockStore#get}) go local, then node, then peers.
 * A block found upstream is checked against the CID asked for and put into the local store before
 * it is returned, so the next read is local and the local store holds every block the gateway has
 * served or ingested. {@code has}, {@code size}, {@code isPinned}, {@code pins} and {@code delete}
 * answer for the local store only: it is the source of truth for what this gateway holds.
 *
 * <p>Writes ({@code put}, {@code putPinned}, {@code pin}, {@code unpin}) go to the local store and,
 * through the <em>outbox</em>, to the node. A write is acknowledged once the local store has made
 * it durable and the outbox has recorded it durably; the node may be down. The outbox then pushes
 * it to the node, retrying with back-off until the node confirms.
 *
 * <p>Terms: an <em>entry</em> is one write waiting for the node ({@code put}, {@code pin} or {@code
 * unpin} of one CID), numbered by a sequence number {@code seq}. The <em>journal</em> is the
 * outbox's file, {@code <dataDir>/outbox/outbox.log}: a line {@code P <seq> <op> <cid>} when an
 * entry is made and {@code D <seq>} when it is done, each with a CRC-32C, fsync'd in batches (group
 * commit). Start-up replays the journal (P minus D) and rewrites it with the pending lines only. A
 * <em>push</em> is the node call that carries one entry. A <em>probe</em> is the single push tried
 * while the node is thought down.
 *
 * <p>Guarantees and the argument for them:
 *
 * <ul>
 *   <li><b>Nothing acknowledged is lost.</b> An acknowledged write has its P line on disk. It stays
 *       pending until a D line follows, and a D line is written only after the node confirmed the
 *       push (or the push became moot: the block was deleted locally, or a later entry carries it).
 *       So across node outages and process restarts, every acknowledged write is either confirmed
 *       or still in the journal.
 *   <li><b>Nothing duplicated in steady state.</b> Within a process an entry is removed when its
 *       push succeeds and never started twice; an identical entry that has not started absorbs a
 *       repeat, and a put of a block pushed moments ago is skipped. A clean shutdown waits for the
 *       pushes in flight and writes their D lines before releasing the journal, so a restart does
 *       not push them again. A push is retried only after it failed. The one window for a repeat is
 *       a crash between the node's confirmation and the D line's fsync; the repeat is harmless
 *       because pushes are idempotent (same CID, same bytes).
 *   <li><b>Order.</b> Entries start in {@code seq} order, at most {@code maxInFlight} at once while
 *       the node is up, one probe while it is down. Two entries for one CID never overlap: the
 *       later waits until the earlier is done, so a pin followed by an unpin reaches the node in
 *       that order.
 * </ul>
 *
 * <p>Tricky bits:
 *
 * <ul>
 *   <li>The local write and the P line are written in parallel, and the entry becomes pushable only
 *       once the local write succeeded (the push reads the block from the local store). A P line
 *       whose local write never happened (a crash in between, or a failed write) finds no block at
 *       push time and is dropped.
 *   <li>A push mirrors the local store as it is when the push runs: a {@code pin} entry whose pin
 *       was taken off again in the meantime pushes the block unpinned, and an {@code unpin} of a
 *       block that was pinned again is skipped.
 *   <li>When the journal cannot be written (disk full, I/O error) the outbox refuses further writes
 *       until the process restarts: what reached the file is unknown, and reporting a write durable
 *       that is not would break the first guarantee.
 *   <li>Only outages ({@code UpstreamException}, {@code OverloadedException}, unexpected errors)
 *       mark the node down and hold every push back. A node refusing one particular entry puts only
 *       that entry into back-off.
 * </ul>
 */
package org.ipfeed.store.tiered;
