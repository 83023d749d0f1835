package org.ipfeed.store.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.ipfeed.schema.multiformats.Multihash;

/**
 * Threads that copy acknowledged blocks from memory into flatfs, so the journal segments holding
 * them can retire. A new block's file is written in place, not renamed from a temporary file: on
 * this disk a rename per block cost 40 % of the file rate, and the journal already makes the write
 * atomic (a torn file is rewritten by recovery, since its segment cannot retire before the file is
 * whole and synced). Nothing here is fsynced: {@link FlatfsSync} does that in bulk when segments
 * retire.
 *
 * <p>A block leaves the in-memory map only after its file is in place, under the block's stripe
 * lock, so a reader that misses the map finds the file. If the map no longer holds this very {@link
 * Pending} (a delete came in, or a newer put of the same block), there is nothing to write.
 */
final class Materializer {

  private static final Pending STOP = new Pending(null, null);

  private final FlatFs flatfs;
  private final ConcurrentMap<Multihash, Pending> recent;
  private final Striped locks;
  private final AtomicLong backlog;
  private final Health health;
  private final Checkpointer checkpointer;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile LongConsumer roomFreed = left -> {};
  private volatile CountDownLatch gate;

  Materializer(
      int threadCount,
      FlatFs flatfs,
      ConcurrentMap<Multihash, Pending> recent,
      Striped locks,
      AtomicLong backlog,
      Health health,
      Checkpointer checkpointer) {
    this.flatfs = flatfs;
    this.recent = recent;
    this.locks = locks;
    this.backlog = backlog;
    this.health = health;
    this.checkpointer = checkpointer;
    for (int i = 0; i < threadCount; i++) {
      Thread thread = new Thread(this::run, "ipfeed-local-materializer-" + i);
      thread.setDaemon(true);
      threads.add(thread);
    }
  }

  /** Who to tell when backlog shrinks: the writer, which may hold puts waiting for room. */
  void onRoomFreed(LongConsumer listener) {
    roomFreed = listener;
  }

  void start() {
    threads.forEach(Thread::start);
  }

  void submit(Pending pending) {
    queue.add(pending);
  }

  /** Ends the threads once the work queued before this call is done. */
  void stop() {
    threads.forEach(t -> queue.add(STOP));
  }

  void join() throws InterruptedException {
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /**
   * Holds the materializer still until the returned handle is closed: a seam for tests of
   * back-pressure, which otherwise depend on winning a race against the disk.
   */
  AutoCloseable hold() {
    CountDownLatch latch = new CountDownLatch(1);
    gate = latch;
    return () -> {
      gate = null;
      latch.countDown();
    };
  }

  private void run() {
    while (true) {
      Pending pending;
      try {
        pending = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        health.fail(e);
        return;
      }
      if (pending == STOP) {
        return;
      }
      CountDownLatch held = gate;
      if (held != null) {
        try {
          held.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          health.fail(e);
        }
      }
      try {
        if (!health.failed()) {
          materialize(pending);
        }
      } catch (Throwable e) {
        // Any failure, an Error too, fails the store before release() counts this block as
        // written: a failed store retires no segment, so a file left torn keeps its journal record.
        health.fail(e);
      } finally {
        release(pending);
      }
    }
  }

  private void materialize(Pending pending) throws IOException {
    Multihash multihash = pending.block().cid().multihash();
    // The write happens under the stripe lock, with the block still in memory: a reader that
    // misses memory (after the remove below) finds the whole file, and a delete or a GC sweep of
    // this block waits for the write instead of racing it.
    synchronized (locks.of(multihash)) {
      if (recent.get(multihash) != pending) {
        return;
      }
      // No stat first: nearly every block is new, and CREATE_NEW tells us when it is not.
      if (!flatfs.createInPlace(pending.block()) && !flatfs.holds(pending.block())) {
        // A damaged file: replaced whole, so a put heals it.
        flatfs.moveIntoPlace(flatfs.writeTemp(pending.block()), multihash);
      }
      pending.segment().touched(multihash);
      recent.remove(multihash, pending);
    }
  }

  private void release(Pending pending) {
    roomFreed.accept(backlog.addAndGet(-pending.block().length()));
    if (pending.segment().pending().decrementAndGet() == 0) {
      checkpointer.wake();
    }
  }
}
