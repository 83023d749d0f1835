package org.ipfeed.gateway.feed;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ipfeed.gateway.Blocking;
import org.ipfeed.gateway.ingest.Head;
import org.ipfeed.indexer.Checkpoint;
import org.ipfeed.indexer.FeedIndex;
import org.ipfeed.indexer.IndexBatch;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.BlockStore;

/**
 * Moves stored entries into the index, in batches, on its own thread (the index is blocking).
 *
 * <p>The store is the truth and the index follows it: each author's log is indexed up to a
 * checkpoint kept in the index's own commits. An entry that is not the one right after its author's
 * checkpoint (a crash lost an index commit, or a head was saved late) makes the feeder walk the log
 * back through the store from that entry to the checkpoint and index everything in between, oldest
 * first. So the index catches up by itself, at start-up ({@link #catchUp}) and whenever it finds a
 * gap.
 */
public final class IndexFeeder implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(IndexFeeder.class.getName());
  private static final int MAX_BATCH = 2_000;
  private static final java.time.Duration STORE_WAIT = java.time.Duration.ofMinutes(1);

  private final FeedIndex index;
  private final BlockStore store;
  private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failed;

  /** The batch being applied: how many entries, and when the oldest of them was queued. */
  private volatile int applying;

  private volatile long applyingSince;

  /**
   * A stored entry waiting for the index, with the {@link System#nanoTime} it was queued at: a
   * monotonic clock, because the lag is a duration on this node, not a point in time.
   */
  private record Queued(SignedEntry entry, long since) {}

  public IndexFeeder(FeedIndex index, BlockStore store) {
    this.index = index;
    this.store = store;
    this.thread = new Thread(this::run, "ipfeed-index-feeder");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a stored entry for the index; returns at once. */
  public void offer(SignedEntry entry) {
    queue.add(new Queued(entry, System.nanoTime()));
  }

  /** How many stored entries are queued or being applied, not yet in the index. */
  public int backlog() {
    return queue.size() + applying;
  }

  /** How long the oldest entry not yet in the index has waited; zero when none is waiting. */
  public Duration lag() {
    long now = System.nanoTime();
    if (applying > 0) {
      // The batch in hand was queued before anything still in the queue.
      return Duration.ofNanos(now - applyingSince);
    }
    Queued oldest = queue.peek();
    return oldest == null ? Duration.ZERO : Duration.ofNanos(now - oldest.since());
  }

  /** Queues every head the index is behind on, so a restart indexes what was stored before it. */
  public void catchUp(Map<Did, Head> heads) {
    heads.forEach(
        (author, head) -> {
          Optional<Checkpoint> cp = index.checkpoint(author);
          if (cp.isEmpty() || cp.get().seq() < head.seq()) {
            try {
              offer(SignedEntry.decode(await(store.get(head.cid())).bytes()));
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "cannot read the head " + head.cid() + " of " + author, e);
            }
          }
        });
  }

  private void run() {
    List<Queued> taken = new ArrayList<>();
    while (running) {
      try {
        Queued first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        taken.clear();
        taken.add(first);
        queue.drainTo(taken, MAX_BATCH - 1);
        applyingSince = first.since();
        applying = taken.size();
        try {
          applyBatch(taken);
        } finally {
          applying = 0;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The entries are stored; the next entry of the author, or the next start, retries them.
        failed = e;
        LOG.log(
            Level.WARNING, "indexing a batch failed; it will be retried by the next catch-up", e);
      }
    }
  }

  private void applyBatch(List<Queued> taken) {
    Map<Did, Checkpoint> reached = new LinkedHashMap<>();
    List<SignedEntry> entries = new ArrayList<>();
    for (Queued item : taken) {
      SignedEntry e = item.entry();
      Did author = e.entry().author();
      Checkpoint at =
          reached.containsKey(author) ? reached.get(author) : index.checkpoint(author).orElse(null);
      long atSeq = at == null ? 0 : at.seq();
      if (e.entry().seq() <= atSeq) {
        continue; // already indexed
      }
      if (e.entry().seq() > atSeq + 1) {
        entries.addAll(gap(e, at));
      }
      entries.add(e);
      reached.put(author, new Checkpoint(author, e.cid(), e.entry().seq()));
    }
    if (!entries.isEmpty()) {
      index.apply(IndexBatch.of(entries, List.copyOf(reached.values())));
    }
  }

  /** The entries between the checkpoint and {@code e}, oldest first, read from the store. */
  private List<SignedEntry> gap(SignedEntry e, Checkpoint at) {
    Deque<SignedEntry> missing = new ArrayDeque<>();
    Optional<Cid> prev = e.entry().header().prev();
    while (prev.isPresent() && (at == null || !prev.get().equals(at.head()))) {
      SignedEntry before = SignedEntry.decode(await(store.get(prev.get())).bytes());
      missing.addFirst(before);
      prev = before.entry().header().prev();
    }
    return new ArrayList<>(missing);
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    return Blocking.await(future, STORE_WAIT);
  }

  /** The last failure to index a batch, or null: for a rebuild, which must not wait forever. */
  public RuntimeException failed() {
    return failed;
  }

  /** Waits until everything queued so far is applied, then stops the thread. */
  @Override
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!queue.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
