package org.ipfeed.store.tiered;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.ipfeed.schema.error.IpfeedException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.OverloadedException;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;
import org.ipfeed.store.BlockStore;
import org.ipfeed.store.kubo.KuboBlockStore;

/**
 * Carries writes from the local store to the IPFS node, durably, in order, at most a few at a time,
 * and retries them until the node confirms; see the package documentation for the design.
 *
 * <p>Threads: submissions and push completions arrive on any event loop, so the scheduling state is
 * guarded by {@code this} (short sections, no I/O). The journal is touched only by one worker
 * thread; lines reach it through {@link #buffer}, guarded by {@link #bufferLock}. Lock order is
 * {@code this} then {@code bufferLock}, never the reverse.
 */
final class Outbox {

  /** CIDs pushed lately, so a block put again soon after is not pushed twice. */
  static final int RECENTLY_PUSHED = 4096;

  private enum State {
    /** The local write is still running; the entry must not be pushed yet. */
    WAITING,
    /** Ready to push (possibly after a back-off). */
    READY,
    IN_FLIGHT
  }

  private enum Outcome {
    PUSHED,
    SKIPPED,
    DROPPED
  }

  private static final class Entry {
    final long seq;
    final OutboxOp op;
    final Cid cid;
    State state = State.WAITING;
    int localWrites;
    boolean localWritten;
    int attempts;
    Instant notBefore = Instant.MIN;
    boolean probe;
    Future<Void> durable;

    Entry(long seq, OutboxOp op, Cid cid) {
      this.seq = seq;
      this.op = op;
      this.cid = cid;
    }
  }

  /** Marks a failure that came from the node, as opposed to reading the local store. */
  private static final class NodeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NodeFailure(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  private final Vertx vertx;
  private final OutboxConfig config;
  private final BlockStore local;
  private final BlockStore node;
  private final Clock clock;
  private final WorkerExecutor journalThread;
  private final OutboxJournal journal;

  private final Object bufferLock = new Object();
  private List<String> buffer = new ArrayList<>();
  private long queued;
  private volatile long written;
  private volatile IOException journalFailure;

  private final TreeMap<Long, Entry> entries = new TreeMap<>();
  private final Map<Cid, ArrayDeque<Entry>> byCid = new HashMap<>();
  private final Map<Cid, Boolean> recentlyPushed =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Cid, Boolean> eldest) {
          return size() > RECENTLY_PUSHED;
        }
      };
  private long nextSeq = 1;
  private int inFlight;
  private NodeState nodeState = NodeState.UNKNOWN;
  private Instant nodeSince;
  private int nodeFailures;
  private Instant nodeRetryAt = Instant.MIN;
  private String lastError;
  private long pushed;
  private long skipped;
  private long dropped;
  private long timer = -1;
  private Instant timerAt;
  private boolean closing;
  private final Promise<Void> idle = Promise.promise();
  private final Promise<Void> closed = Promise.promise();

  private Outbox(
      Vertx vertx,
      OutboxConfig config,
      BlockStore local,
      BlockStore node,
      Clock clock,
      WorkerExecutor journalThread,
      OutboxJournal journal) {
    this.vertx = vertx;
    this.config = config;
    this.local = local;
    this.node = node;
    this.clock = clock;
    this.journalThread = journalThread;
    this.journal = journal;
    this.nodeSince = clock.instant();
    for (OutboxJournal.Pending p : journal.pending()) {
      Entry e = new Entry(p.seq(), p.op(), p.cid());
      e.state = State.READY;
      e.durable = Future.succeededFuture();
      entries.put(e.seq, e);
      byCid.computeIfAbsent(e.cid, c -> new ArrayDeque<>()).addLast(e);
      nextSeq = Math.max(nextSeq, e.seq + 1);
    }
  }

  /** Opens (or creates) the journal in {@code dir}, replays it and starts pushing. */
  static Future<Outbox> open(
      Vertx vertx, Path dir, OutboxConfig config, BlockStore local, BlockStore node, Clock clock) {
    WorkerExecutor thread = vertx.createSharedWorkerExecutor("ipfeed-outbox-journal", 1);
    return thread
        .executeBlocking(() -> OutboxJournal.open(dir, config.compactBytes()), false)
        .transform(
            ar -> {
              if (ar.failed()) {
                return thread.close().transform(closedAr -> Future.failedFuture(ar.cause()));
              }
              Outbox outbox = new Outbox(vertx, config, local, node, clock, thread, ar.result());
              outbox.kick();
              return Future.succeededFuture(outbox);
            });
  }

  /**
   * Runs {@code localWrite} and records that {@code op} must reach the node, in parallel; completes
   * when both are durable. The entry becomes pushable only once the local write has succeeded, and
   * is withdrawn if it failed. An identical entry for the same CID that has not started yet absorbs
   * this one, so a block put twice in a row is pushed once.
   */
  Future<Void> submit(OutboxOp op, Cid cid, Supplier<Future<Void>> localWrite) {
    Entry entry;
    synchronized (this) {
      if (closing) {
        return Future.failedFuture(new IllegalStateException("the tiered store is closed"));
      }
      ArrayDeque<Entry> queue = byCid.get(cid);
      Entry tail = queue == null ? null : queue.peekLast();
      if (tail != null && tail.op == op && tail.state != State.IN_FLIGHT) {
        entry = tail;
      } else {
        if (entries.size() >= config.maxEntries()) {
          return Future.failedFuture(
              new OverloadedException(
                  "outbox-full",
                  config.maxEntries()
                      + " writes are already waiting for the IPFS node ("
                      + nodeState
                      + "); try again later"));
        }
        entry = new Entry(nextSeq++, op, cid);
        entries.put(entry.seq, entry);
        byCid.computeIfAbsent(cid, c -> new ArrayDeque<>()).addLast(entry);
        entry.durable = append(OutboxJournal.pendingLine(entry.seq, op, cid));
      }
      entry.localWrites++;
    }
    Future<Void> written;
    try {
      written = localWrite.get();
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    written.onComplete(ar -> settleLocal(entry, ar.succeeded()));
    return Future.all(entry.durable, written).mapEmpty();
  }

  /** A read from the node worked: if it is thought down, probe it now rather than later. */
  void nodeAnswered() {
    synchronized (this) {
      if (nodeState != NodeState.DOWN) {
        return;
      }
      nodeRetryAt = clock.instant();
    }
    kick();
  }

  synchronized OutboxStatus status() {
    return new OutboxStatus(
        nodeState,
        nodeSince,
        entries.size(),
        inFlight,
        nodeFailures,
        nodeState == NodeState.DOWN ? Optional.of(nodeRetryAt) : Optional.empty(),
        Optional.ofNullable(lastError),
        pushed,
        skipped,
        dropped);
  }

  /**
   * Stops starting pushes, waits for those in flight, writes the journal's last lines and releases
   * it. What is still pending stays in the journal for the next start.
   */
  Future<Void> close() {
    boolean nowIdle;
    synchronized (this) {
      if (closing) {
        return closed.future();
      }
      closing = true;
      if (timer != -1) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      nowIdle = inFlight == 0;
    }
    if (nowIdle) {
      idle.tryComplete();
    }
    idle.future()
        .compose(
            v ->
                journalThread.<Void>executeBlocking(
                    () -> {
                      try (OutboxJournal j = journal) {
                        long upTo;
                        synchronized (bufferLock) {
                          upTo = queued;
                        }
                        flushUpTo(upTo);
                      }
                      return null;
                    },
                    false))
        .eventually(journalThread::close)
        .onComplete(closed);
    return closed.future();
  }

  private void settleLocal(Entry e, boolean ok) {
    synchronized (this) {
      e.localWrites--;
      e.localWritten |= ok;
      if (e.state != State.WAITING || e.localWrites > 0) {
        return;
      }
      if (e.localWritten) {
        e.state = State.READY;
      } else {
        remove(e);
      }
    }
    kick();
  }

  /** Starts every push that may start now, and arranges to be called again when more may. */
  void kick() {
    List<Entry> start = new ArrayList<>();
    synchronized (this) {
      if (closing) {
        return;
      }
      Instant now = clock.instant();
      boolean again = true;
      while (again) {
        again = false;
        int allowed = allowance(now);
        Instant wake = null;
        List<Entry> moot = new ArrayList<>();
        for (Entry e : entries.values()) {
          if (inFlight >= allowed) {
            break;
          }
          if (e.state != State.READY || byCid.get(e.cid).peekFirst() != e) {
            continue;
          }
          if (e.notBefore.isAfter(now)) {
            wake = wake == null || e.notBefore.isBefore(wake) ? e.notBefore : wake;
            continue;
          }
          if (isMoot(e)) {
            moot.add(e);
            continue;
          }
          e.state = State.IN_FLIGHT;
          e.probe = nodeState != NodeState.UP;
          inFlight++;
          start.add(e);
        }
        for (Entry e : moot) {
          finish(e, Outcome.SKIPPED);
          again = true;
        }
        if (!again) {
          if (allowed == 0 && !entries.isEmpty()) {
            wake = nodeRetryAt;
          }
          if (wake != null) {
            schedule(wake, now);
          }
        }
      }
    }
    for (Entry e : start) {
      push(e);
    }
  }

  /**
   * How many pushes may be in flight: all while the node is up, one probe once its wait is over.
   */
  private int allowance(Instant now) {
    if (nodeState == NodeState.UP) {
      return config.maxInFlight();
    }
    return now.isBefore(nodeRetryAt) ? 0 : 1;
  }

  /** A put needs no push if the block went to the node lately or a later pin will carry it. */
  private boolean isMoot(Entry e) {
    if (e.op != OutboxOp.PUT) {
      return false;
    }
    if (recentlyPushed.containsKey(e.cid)) {
      return true;
    }
    for (Entry later : byCid.get(e.cid)) {
      if (later != e && later.op == OutboxOp.PIN && later.state == State.READY) {
        return true;
      }
    }
    return false;
  }

  private void schedule(Instant at, Instant now) {
    if (timer != -1 && !timerAt.isAfter(at)) {
      return;
    }
    if (timer != -1) {
      vertx.cancelTimer(timer);
    }
    long delay = Math.max(1, Duration.between(now, at).toMillis());
    timerAt = at;
    timer =
        vertx.setTimer(
            delay,
            id -> {
              synchronized (this) {
                if (timer == id) {
                  timer = -1;
                }
              }
              kick();
            });
  }

  private void push(Entry e) {
    Future<Outcome> work;
    try {
      work = work(e);
    } catch (RuntimeException ex) {
      work = Future.failedFuture(ex);
    }
    work.onComplete(
        ar -> {
          boolean nowIdle;
          synchronized (this) {
            inFlight--;
            settlePush(e, ar.succeeded() ? ar.result() : null, ar.cause());
            nowIdle = closing && inFlight == 0;
          }
          if (nowIdle) {
            idle.tryComplete();
          }
          kick();
        });
  }

  /**
   * What a push does mirrors the local store at the moment it runs, so a pin that was taken off
   * again, or a block deleted in the meantime, does not reach the node in a stale state.
   */
  private Future<Outcome> work(Entry e) {
    if (e.op == OutboxOp.UNPIN) {
      return local
          .isPinned(e.cid)
          .compose(
              pinned ->
                  pinned ? Future.succeededFuture(Outcome.SKIPPED) : atNode(node.unpin(e.cid)));
    }
    return local
        .get(e.cid)
        .transform(
            ar -> {
              if (ar.failed()) {
                return ar.cause() instanceof NotFoundException
                    ? Future.succeededFuture(Outcome.DROPPED)
                    : Future.failedFuture(ar.cause());
              }
              Block block = ar.result();
              if (e.op == OutboxOp.PUT) {
                return atNode(node.put(block));
              }
              return local
                  .isPinned(e.cid)
                  .compose(pinned -> atNode(pinned ? node.putPinned(block) : node.put(block)));
            });
  }

  private static Future<Outcome> atNode(Future<Void> call) {
    return call.transform(
        ar ->
            ar.succeeded()
                ? Future.succeededFuture(Outcome.PUSHED)
                : Future.failedFuture(new NodeFailure(ar.cause())));
  }

  /** Called under the lock. */
  private void settlePush(Entry e, Outcome outcome, Throwable failure) {
    Instant now = clock.instant();
    if (outcome != null) {
      if (outcome == Outcome.PUSHED) {
        nodeUp(now);
      }
      finish(e, outcome);
      return;
    }
    e.state = State.READY;
    e.attempts++;
    Throwable cause = failure instanceof NodeFailure ? failure.getCause() : failure;
    if (failure instanceof NodeFailure && isOutage(cause)) {
      nodeDown(now, e.probe, cause);
    } else {
      // The node (or the local store) refused this one entry; others go on.
      e.notBefore = now.plus(backoff(e.attempts));
      lastError = reasonOf(cause);
    }
  }

  /** Called under the lock: the entry is done, for good. */
  private void finish(Entry e, Outcome outcome) {
    switch (outcome) {
      case PUSHED -> {
        pushed++;
        if (e.op != OutboxOp.UNPIN) {
          recentlyPushed.put(e.cid, Boolean.TRUE);
        }
      }
      case SKIPPED -> skipped++;
      case DROPPED -> dropped++;
    }
    remove(e);
  }

  /** Called under the lock. */
  private void remove(Entry e) {
    entries.remove(e.seq);
    ArrayDeque<Entry> queue = byCid.get(e.cid);
    queue.remove(e);
    if (queue.isEmpty()) {
      byCid.remove(e.cid);
    }
    append(OutboxJournal.doneLine(e.seq))
        .onFailure(
            f -> {
              synchronized (this) {
                lastError = "outbox-journal-failed";
              }
            });
  }

  private void nodeUp(Instant now) {
    if (nodeState != NodeState.UP) {
      nodeState = NodeState.UP;
      nodeSince = now;
    }
    nodeFailures = 0;
    nodeRetryAt = Instant.MIN;
  }

  /**
   * Counts one failure per probe, so the pushes that were in flight when the node went away do not
   * multiply the back-off.
   */
  private void nodeDown(Instant now, boolean probe, Throwable cause) {
    if (nodeState == NodeState.UP || probe) {
      nodeFailures++;
    }
    if (nodeState != NodeState.DOWN) {
      nodeState = NodeState.DOWN;
      nodeSince = now;
    }
    nodeRetryAt = now.plus(backoff(Math.max(1, nodeFailures)));
    lastError = reasonOf(cause);
  }

  private Duration backoff(int failures) {
    Duration d = config.retryBase();
    for (int i = 1; i < failures && d.compareTo(config.retryMax()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(config.retryMax()) > 0 ? config.retryMax() : d;
  }

  /**
   * The node is away or busy (as opposed to refusing this one block: a command error, which the
   * Kubo client reports as {@link KuboBlockStore#REFUSED}, means the node is up and answered).
   */
  private static boolean isOutage(Throwable cause) {
    return (cause instanceof UpstreamException u && !KuboBlockStore.REFUSED.equals(u.reason()))
        || cause instanceof OverloadedException
        || !(cause instanceof IpfeedException);
  }

  private static String reasonOf(Throwable cause) {
    return cause instanceof IpfeedException e ? e.reason() : cause.getClass().getSimpleName();
  }

  /** Queues a journal line; completes once it (and all queued before it) is on disk. */
  private Future<Void> append(String line) {
    long id;
    synchronized (bufferLock) {
      buffer.add(line);
      id = ++queued;
    }
    return journalThread.executeBlocking(
        () -> {
          flushUpTo(id);
          return null;
        },
        false);
  }

  /**
   * On the journal thread: writes everything queued so far in one fsync, unless an earlier task
   * already did. This is the group commit: under load, one fsync covers many writes.
   */
  private void flushUpTo(long id) throws IOException {
    if (written >= id) {
      return;
    }
    if (journalFailure != null) {
      // The batch holding this line may have been the one that failed: never report it durable.
      throw new IOException("the outbox journal failed and accepts no more writes", journalFailure);
    }
    List<String> batch;
    long upTo;
    synchronized (bufferLock) {
      batch = buffer;
      buffer = new ArrayList<>();
      upTo = queued;
    }
    try {
      journal.append(batch);
    } catch (IOException e) {
      journalFailure = e;
      throw e;
    }
    written = upTo;
  }
}
