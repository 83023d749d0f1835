package org.ipfeed.store.local;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multihash;

/**
 * The thread that retires journal segments, oldest first. A closed segment is ready once the
 * materializer has put every block it holds into flatfs; then, for the longest run of ready
 * segments: make flatfs durable ({@link FlatfsSync}), write a pin snapshot if any of them changed
 * pins, and delete their files. Until that is done, the journal still holds everything, so a crash
 * at any point in between loses nothing.
 */
final class Checkpointer {

  private final Path dataDir;
  private final FlatfsSync sync;
  private final Set<Cid> publishedPins;
  private final Health health;
  private final AtomicLong journalBytes;
  private final Thread thread;
  private volatile Runnable journalShrank = () -> {};
  private final Object lock = new Object();

  // Guarded by lock.
  private final ArrayDeque<Segment> closed = new ArrayDeque<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private long retiredThrough;
  private boolean stopping;

  private record Waiter(long segmentId, Context context, Promise<Void> promise) {}

  Checkpointer(
      Path dataDir,
      FlatfsSync sync,
      Set<Cid> publishedPins,
      Health health,
      AtomicLong journalBytes,
      long retiredThrough) {
    this.dataDir = dataDir;
    this.sync = sync;
    this.publishedPins = publishedPins;
    this.health = health;
    this.journalBytes = journalBytes;
    this.retiredThrough = retiredThrough;
    this.thread = new Thread(this::run, "ipfeed-local-checkpoint");
    thread.setDaemon(true);
    health.onFailure(this::wake);
  }

  /** Who to tell when segments are deleted: the writer, which may hold puts waiting for room. */
  void onJournalShrank(Runnable listener) {
    journalShrank = listener;
  }

  void start() {
    thread.start();
  }

  /** The writer closed a segment: nothing more will be appended to it. */
  void segmentClosed(Segment segment) {
    synchronized (lock) {
      closed.add(segment);
      lock.notifyAll();
    }
  }

  /** Something may be ready: a segment's last block reached flatfs, or the store failed. */
  void wake() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /**
   * Completes, on {@code context}, once every segment up to {@code segmentId} is retired; fails if
   * the store fails first.
   */
  Future<Void> awaitRetired(long segmentId, Context context) {
    synchronized (lock) {
      if (retiredThrough >= segmentId) {
        return Future.succeededFuture();
      }
      if (health.failed()) {
        return Future.failedFuture(health.failedException(dataDir));
      }
      Promise<Void> promise = Promise.promise();
      waiters.add(new Waiter(segmentId, context, promise));
      return promise.future();
    }
  }

  /** Ends the thread after it has retired what is ready. */
  void stop() {
    synchronized (lock) {
      stopping = true;
      lock.notifyAll();
    }
  }

  void join() throws InterruptedException {
    thread.join();
  }

  private void run() {
    while (true) {
      List<Segment> run = new ArrayList<>();
      synchronized (lock) {
        while (!health.failed() && !ready() && !stopping) {
          try {
            lock.wait(TimeUnit.SECONDS.toMillis(1));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            health.fail(e);
          }
        }
        if (health.failed()) {
          failWaiters();
          return;
        }
        while (ready()) {
          run.add(closed.poll());
        }
        if (run.isEmpty()) {
          return;
        }
      }
      try {
        retire(run);
      } catch (IOException | RuntimeException e) {
        health.fail(e);
        continue;
      }
      synchronized (lock) {
        retiredThrough = run.get(run.size() - 1).id();
        completeWaiters();
      }
    }
  }

  private boolean ready() {
    Segment head = closed.peek();
    return head != null && head.pending().get() == 0;
  }

  private void retire(List<Segment> run) throws IOException {
    boolean records = false;
    boolean pinsChanged = false;
    List<Multihash> touched = new ArrayList<>();
    for (Segment segment : run) {
      records |= segment.records() > 0;
      pinsChanged |= segment.pinsChanged();
      if (sync.needsTouched()) {
        segment.touched().forEach(touched::add);
      }
    }
    if (records) {
      sync.sync(touched);
    }
    if (pinsChanged) {
      PinSnapshot.write(dataDir, List.copyOf(publishedPins));
    }
    for (Segment segment : run) {
      segment.delete();
      journalBytes.addAndGet(-segment.size());
    }
    journalShrank.run();
  }

  private void completeWaiters() {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter waiter = it.next();
      if (waiter.segmentId() <= retiredThrough) {
        it.remove();
        waiter.context().runOnContext(v -> waiter.promise().tryComplete());
      }
    }
  }

  private void failWaiters() {
    IllegalStateException error = health.failedException(dataDir);
    for (Waiter waiter : waiters) {
      waiter.context().runOnContext(v -> waiter.promise().tryFail(error));
    }
    waiters.clear();
  }
}
