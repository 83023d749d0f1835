/**
 * The embedded block store: {@link org.ipfeed.store.local.LocalBlockStore}, the default store of a
 * gateway node. docs/local-store.md has the formats byte by byte and the measured numbers.
 *
 * <h2>Why a journal</h2>
 *
 * <p>A put is acknowledged only once durable. One fsync costs about 700 µs on the disks we run on,
 * so one file per block with one fsync each tops out at 2,000 to 3,000 puts per second whatever the
 * thread count, while appending to one file and fsyncing once per few hundred records runs near
 * 100,000. So durability comes from a write-ahead journal with group commit, and the familiar
 * one-file-per-block layout (Kubo's flatfs) is filled in behind it, in the background, with the
 * fsyncs paid in bulk.
 *
 * <h2>Terms</h2>
 *
 * <ul>
 *   <li><em>journal</em>: {@code journal/<n>.log} segments of records (PUT with a pinned flag, PIN,
 *       UNPIN, DELETE), each with a length and a CRC-32C; a PUT carries the CID and the bytes.
 *   <li><em>writer</em>: the one thread that decides every change, appends a batch of records,
 *       fsyncs once, then publishes the changes and answers all the callers of the batch.
 *   <li><em>recent</em>: acknowledged blocks not yet in flatfs, kept in memory and served from
 *       there. Their total size is the <em>backlog</em>.
 *   <li><em>materializer</em>: threads that write recent blocks into flatfs without fsync: a new
 *       file in place, a damaged one replaced through a temp file under {@code blocks/.temp}.
 *   <li><em>flatfs</em>: {@code blocks/<shard>/<BASE32 multihash>.data}, sharded next-to-last/2, as
 *       Kubo writes it, with its {@code SHARDING} file.
 *   <li><em>retiring</em> a segment: once its blocks are all in flatfs, make flatfs durable (one
 *       {@code syncfs}, or an fsync per file where that is unavailable), write the pin snapshot if
 *       the segment changed pins, then delete the segment. The checkpointer thread does it.
 *   <li><em>pin snapshot</em>: the file {@code pins}, the whole pin set, replaced atomically.
 * </ul>
 *
 * <h2>Tricky bits</h2>
 *
 * <ul>
 *   <li>Visibility follows durability: the writer publishes a batch (to the in-memory map and the
 *       pin set) only after its fsync, so nothing is readable that a crash could take back. The
 *       writer decides later ops of the same batch against its own view, which includes the
 *       earlier, not yet durable, ones.
 *   <li>A recent block's file is written, and the block leaves memory, under a striped lock it
 *       shares with delete: a reader that misses memory finds the whole file. A read that missed
 *       memory before a put was published may still open the file half-written; a file that fails
 *       its check is looked at again (memory, then the file under the lock) before it is called
 *       damaged. A file torn by a crash is rewritten by recovery: its segment is still there.
 *   <li>Every read of bytes from disk is verified against the CID asked for; a damaged file is an
 *       {@code IntegrityException} ({@code block-corrupt}) naming CID and file, never served. A put
 *       of the same block replaces the damaged file. {@code has} only checks presence.
 *   <li>Blocks are keyed by multihash (as in Kubo), pins by CID. A block pinned under any CID is
 *       protected from delete and GC under every CID of the same multihash.
 *   <li>GC never undoes a put that overlaps it. It starts by marking the writer (from then on every
 *       put and pin spares its block) and retiring the journal; then the writer itself unlinks each
 *       listed block that is neither pinned nor spared. A put of a block already on disk during a
 *       GC is either decided before the unlink (spared) or after it (and writes the file again). GC
 *       writes no journal records: a crash may bring back some garbage, never lose a block.
 *   <li>Back-pressure: a put waits (asynchronously, in order) while the backlog is over its bound
 *       or the unretired journal is over its own, and fails with {@code OverloadedException}
 *       ({@code backlog-full}) after the configured timeout. A full backlog takes puts again only
 *       once it has drained by an eighth, so an overloaded store commits large batches rather than
 *       one fsync per freed block. Reads never wait on either bound.
 *   <li>Any I/O error in the background makes the store fail every later operation until it is
 *       reopened; after a failed fsync nothing says what reached the disk (see {@code Health}).
 *   <li>A pin snapshot need not be a point in time: pins and unpins are idempotent per CID, and the
 *       journal still holds every change since any moment the snapshot might reflect.
 * </ul>
 */
package org.ipfeed.store.local;
