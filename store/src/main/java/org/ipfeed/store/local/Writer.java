package org.ipfeed.store.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.OverloadedException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multihash;

/**
 * The one thread that changes the store: it takes every pending op from its inbox, decides each
 * one, appends their records to the journal, fsyncs once, and only then publishes the changes (to
 * the in-memory block map, the pin set, the materializer) and answers the callers. Group commit:
 * however many puts arrive during one fsync share the next one.
 *
 * <p>Deciding and publishing are split because a decision must see every op before it, including
 * the ones in the same batch that are not durable yet, while readers must see nothing before it is
 * durable. The writer therefore keeps its own view: the pin set as decided ({@link #pinned}), and
 * the presence of blocks put or deleted earlier in the batch ({@link #batchPresence}). Readers see
 * the published maps only.
 *
 * <p>Back-pressure lives here too: a put is admitted into a batch only while the materializer's
 * backlog has room. Ops queue behind a put that waits, in order; a put that waits longer than the
 * configured timeout fails with {@code OverloadedException}.
 */
final class Writer {

  private static final long ROOM_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** More than a PUT record adds to its block: length, op, flags, CID, CRC. */
  private static final int RECORD_OVERHEAD = 256;

  private final LocalStoreConfig config;
  private final Path dataDir;
  private final Path journalDir;
  private final FlatFs flatfs;
  private final ConcurrentMap<Multihash, Pending> recent;
  private final Set<Cid> publishedPins;
  private final Striped locks;
  private final AtomicLong backlog;
  private final AtomicLong journalBytes;
  private final Health health;
  private final boolean recordTouched;
  private final Materializer materializer;
  private final Checkpointer checkpointer;
  private final LinkedBlockingQueue<WriteOp<?>> inbox = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean waitingForRoom;

  // Everything below belongs to the writer thread.
  private final Set<Cid> pinned;
  private final Map<Multihash, Integer> pinnedHashes = new HashMap<>();
  private final Map<Multihash, Boolean> batchPresence = new HashMap<>();
  private final Set<Multihash> spared = new HashSet<>();
  private final JournalCodec.Buffer buffer = new JournalCodec.Buffer(1 << 16);
  private boolean gcActive;
  private boolean draining;
  private boolean rotateAfterBatch;
  private boolean stopping;
  private Segment segment;

  /**
   * A writer appending to {@code first}. It takes {@code pins} (the recovered set) over as its own
   * view of the pins as decided; {@code publishedPins} is what readers see.
   */
  Writer(
      LocalStoreConfig config,
      FlatFs flatfs,
      ConcurrentMap<Multihash, Pending> recent,
      Set<Cid> pins,
      Set<Cid> publishedPins,
      Striped locks,
      AtomicLong backlog,
      AtomicLong journalBytes,
      Health health,
      boolean recordTouched,
      Materializer materializer,
      Checkpointer checkpointer,
      Segment first) {
    this.config = config;
    this.journalDir = first.path().getParent();
    this.dataDir = config.dataDir();
    this.flatfs = flatfs;
    this.recent = recent;
    this.publishedPins = publishedPins;
    this.locks = locks;
    this.backlog = backlog;
    this.journalBytes = journalBytes;
    this.health = health;
    this.recordTouched = recordTouched;
    this.materializer = materializer;
    this.checkpointer = checkpointer;
    this.segment = first;
    this.pinned = pins;
    for (Cid cid : pins) {
      pinnedHashes.merge(cid.multihash(), 1, Integer::sum);
    }
    this.thread = new Thread(this::run, "ipfeed-local-journal");
    // Daemon: an exit without close() loses nothing acknowledged; the journal has it all.
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void join() throws InterruptedException {
    thread.join();
  }

  /** Queues an op; the caller has checked the store is open. */
  void submit(WriteOp<?> op) {
    inbox.add(op);
  }

  /** Called by the materializer whenever backlog shrinks, with what is left. */
  void roomFreed(long backlogLeft) {
    // Waiting puts resume only at the low-water mark (see hasRoom): earlier wake-ups are wasted.
    if (waitingForRoom && backlogLeft <= lowWater()) {
      LockSupport.unpark(thread);
    }
  }

  /** Called by the checkpointer when it deleted segments, which may make room in the journal. */
  void journalShrank() {
    if (waitingForRoom) {
      LockSupport.unpark(thread);
    }
  }

  private long lowWater() {
    return config.maxBacklogBytes() - config.maxBacklogBytes() / 8;
  }

  private void run() {
    ArrayDeque<WriteOp<?>> queue = new ArrayDeque<>();
    List<WriteOp<?>> batch = new ArrayList<>();
    while (!stopping) {
      try {
        if (queue.isEmpty()) {
          queue.add(inbox.take());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        health.fail(e);
        return;
      }
      inbox.drainTo(queue);
      if (health.failed()) {
        failAll(queue, () -> health.failedException(dataDir));
        continue;
      }
      boolean blocked;
      try {
        blocked = fill(queue, batch);
        if (!batch.isEmpty()) {
          commit(batch);
          continue;
        }
      } catch (RuntimeException | IOException e) {
        health.fail(e);
        batch.forEach(op -> op.fail(health.failedException(dataDir)));
        WriteOp.deliverAll(batch);
        continue;
      } finally {
        batch.clear();
      }
      if (blocked) {
        waitForRoom(queue);
      }
    }
    // Nothing can follow a stop (the store refuses ops once closing), but never strand a caller.
    inbox.drainTo(queue);
    failAll(
        queue,
        () -> new IllegalStateException("the local block store in " + dataDir + " is closed"));
  }

  /**
   * Decides ops from the head of {@code queue} into {@code batch} until the batch is full or a put
   * finds no room in the backlog.
   *
   * @return whether the head of the queue is a put waiting for room
   */
  private boolean fill(ArrayDeque<WriteOp<?>> queue, List<WriteOp<?>> batch) throws IOException {
    buffer.clear();
    batchPresence.clear();
    rotateAfterBatch = false;
    while (!queue.isEmpty() && buffer.size() < config.maxBatchBytes()) {
      WriteOp<?> op = queue.peek();
      if (op instanceof WriteOp.Put put && !admit(put)) {
        return true;
      }
      queue.poll();
      decide(op);
      batch.add(op);
      if (op instanceof WriteOp.Stop) {
        break;
      }
    }
    return false;
  }

  /** Whether the put may join the batch now; takes its room in the backlog if it needs any. */
  private boolean admit(WriteOp.Put put) {
    Multihash multihash = put.multihash();
    Boolean inBatch = batchPresence.get(multihash);
    boolean present = inBatch != null ? inBatch : recent.containsKey(multihash);
    put.duplicate = present && (!put.pin || pinned.contains(put.block.cid()));
    if (put.duplicate) {
      return true;
    }
    if (!hasRoom(put)) {
      return false;
    }
    backlog.addAndGet(put.block.length());
    return true;
  }

  /**
   * Whether the put fits under both bounds: the backlog (bytes not yet in flatfs) and the journal
   * (bytes in segments not yet retired, which grows when flatfs cannot be made durable as fast as
   * it is written).
   *
   * <p>Once the backlog is full it takes nothing more until it has drained to seven eighths.
   * Admitting a put each time a block leaves would commit one tiny batch per block: an fsync, a
   * wake-up and a completion for every put, at the moment the disk is busiest. The eighth is small
   * enough that a put waits about as long as the materializer takes to write an eighth of the
   * backlog. An empty backlog always takes one put, so a block larger than the bound still goes in.
   */
  private boolean hasRoom(WriteOp.Put put) {
    long journal = journalBytes.get() + buffer.size();
    boolean retiring = journal - segment.size() - buffer.size() > 0;
    // With no closed segment waiting to retire, the put goes in: the open one must fill up to
    // rotate, and only then can anything retire.
    if (retiring && journal + put.block.length() + RECORD_OVERHEAD > config.maxJournalBytes()) {
      return false;
    }
    long used = backlog.get();
    if (used == 0) {
      draining = false;
      return true;
    }
    if (draining && used > lowWater()) {
      return false;
    }
    draining = used + put.block.length() > config.maxBacklogBytes();
    return !draining;
  }

  private void decide(WriteOp<?> op) throws IOException {
    if (op instanceof WriteOp.Put put) {
      decidePut(put);
    } else if (op instanceof WriteOp.Pin pin) {
      decidePin(pin);
    } else if (op instanceof WriteOp.Unpin unpin) {
      decideUnpin(unpin);
    } else if (op instanceof WriteOp.Delete delete) {
      decideDelete(delete);
    } else if (op instanceof WriteOp.GcBegin begin) {
      gcActive = true;
      spared.clear();
      rotateAfterBatch = true;
      begin.succeed(segment.id());
    } else if (op instanceof WriteOp.GcSweep sweep) {
      sweep(sweep);
    } else if (op instanceof WriteOp.GcEnd) {
      gcActive = false;
      spared.clear();
    } else if (op instanceof WriteOp.Rotate rotate) {
      rotateAfterBatch = true;
      rotate.succeed(segment.id());
    } else if (op instanceof WriteOp.Stop stop) {
      rotateAfterBatch = true;
      stopping = true;
      stop.succeed(segment.id());
    }
  }

  private void decidePut(WriteOp.Put put) {
    Multihash multihash = put.multihash();
    if (gcActive) {
      spared.add(multihash);
    }
    if (put.duplicate) {
      return;
    }
    JournalCodec.encode(new JournalRecord.Put(put.block, put.pin), buffer);
    put.recorded = true;
    batchPresence.put(multihash, Boolean.TRUE);
    if (put.pin && pinned.add(put.block.cid())) {
      pinnedHashes.merge(multihash, 1, Integer::sum);
      put.pinAdded = true;
      segment.markPinsChanged();
    }
  }

  private void decidePin(WriteOp.Pin pin) {
    if (pinned.contains(pin.cid)) {
      return;
    }
    Multihash multihash = pin.cid.multihash();
    if (!present(multihash)) {
      pin.fail(
          new NotFoundException(
              "block-not-found", "cannot pin " + pin.cid + ": this store does not have it"));
      return;
    }
    JournalCodec.encode(new JournalRecord.Pin(pin.cid), buffer);
    pin.recorded = true;
    pinned.add(pin.cid);
    pinnedHashes.merge(multihash, 1, Integer::sum);
    segment.markPinsChanged();
  }

  private void decideUnpin(WriteOp.Unpin unpin) {
    if (!pinned.remove(unpin.cid)) {
      return;
    }
    JournalCodec.encode(new JournalRecord.Unpin(unpin.cid), buffer);
    unpin.recorded = true;
    pinnedHashes.computeIfPresent(unpin.cid.multihash(), (k, n) -> n == 1 ? null : n - 1);
    segment.markPinsChanged();
  }

  private void decideDelete(WriteOp.Delete delete) {
    Multihash multihash = delete.cid.multihash();
    if (pinnedHashes.containsKey(multihash)) {
      delete.fail(
          new ConflictException(
              "pinned", "cannot delete " + delete.cid + ": it is pinned (unpin it first)"));
      return;
    }
    if (!present(multihash)) {
      return;
    }
    JournalCodec.encode(new JournalRecord.Delete(delete.cid), buffer);
    delete.recorded = true;
    batchPresence.put(multihash, Boolean.FALSE);
  }

  /** Presence as decided so far: this batch first, then memory, then flatfs. */
  private boolean present(Multihash multihash) {
    Boolean inBatch = batchPresence.get(multihash);
    if (inBatch != null) {
      return inBatch;
    }
    return recent.containsKey(multihash) || flatfs.exists(multihash);
  }

  /**
   * Removes the candidates that are still garbage. This runs on the writer so that "is it pinned,
   * was it put since the collection began" and the unlink are one step with respect to every put
   * and pin: a put of a block the GC already listed either comes first (and spares it) or finds the
   * file gone and writes it again.
   */
  private void sweep(WriteOp.GcSweep sweep) {
    long removed = 0;
    long removedBytes = 0;
    long kept = 0;
    try {
      for (WriteOp.GcCandidate candidate : sweep.candidates) {
        Multihash multihash = candidate.multihash();
        if (pinnedHashes.containsKey(multihash)
            || spared.contains(multihash)
            || batchPresence.containsKey(multihash)
            || recent.containsKey(multihash)) {
          kept++;
          continue;
        }
        synchronized (locks.of(multihash)) {
          if (flatfs.delete(multihash)) {
            removed++;
            removedBytes += candidate.size();
          }
        }
      }
      sweep.succeed(new GcResult(removed, removedBytes, kept));
    } catch (IOException e) {
      sweep.fail(e);
    }
  }

  /** Writes and fsyncs the batch, then publishes it and answers its callers. */
  private void commit(List<WriteOp<?>> batch) throws IOException {
    if (buffer.size() > 0) {
      segment.append(buffer.array(), buffer.size());
      journalBytes.addAndGet(buffer.size());
      segment.force();
      for (WriteOp<?> op : batch) {
        if (op.recorded) {
          segment.recordWritten();
        }
      }
    }
    for (WriteOp<?> op : batch) {
      if (op.recorded) {
        publish(op);
      }
    }
    buffer.clear();
    if (rotateAfterBatch || segment.size() >= config.segmentBytes()) {
      rotate();
    }
    WriteOp.deliverAll(batch);
  }

  private void publish(WriteOp<?> op) throws IOException {
    if (op instanceof WriteOp.Put put) {
      Pending pending = new Pending(put.block, segment);
      segment.pending().incrementAndGet();
      recent.put(put.multihash(), pending);
      if (put.pinAdded) {
        publishedPins.add(put.block.cid());
      }
      materializer.submit(pending);
    } else if (op instanceof WriteOp.Pin pin) {
      publishedPins.add(pin.cid);
    } else if (op instanceof WriteOp.Unpin unpin) {
      publishedPins.remove(unpin.cid);
    } else if (op instanceof WriteOp.Delete delete) {
      Multihash multihash = delete.cid.multihash();
      synchronized (locks.of(multihash)) {
        recent.remove(multihash);
        flatfs.delete(multihash);
      }
      segment.touched(multihash);
    }
  }

  private void rotate() throws IOException {
    Segment closing = segment;
    closing.close();
    segment = stopping ? null : Segment.create(journalDir, closing.id() + 1, recordTouched);
    if (segment != null) {
      journalBytes.addAndGet(segment.size());
    }
    checkpointer.segmentClosed(closing);
  }

  /** Fails expired puts at the head of the queue, then waits a little for backlog room. */
  private void waitForRoom(ArrayDeque<WriteOp<?>> queue) {
    long now = System.nanoTime();
    long timeout = config.backlogTimeout().toNanos();
    List<WriteOp<?>> expired = new ArrayList<>();
    while (queue.peek() instanceof WriteOp.Put put && now - put.enqueuedNanos > timeout) {
      queue.poll();
      put.fail(
          new OverloadedException(
              "backlog-full",
              "the local store could not take a put for "
                  + config.backlogTimeout()
                  + ": blocks are arriving faster than they reach flatfs (backlog "
                  + backlog.get()
                  + " of "
                  + config.maxBacklogBytes()
                  + " bytes, journal "
                  + journalBytes.get()
                  + " of "
                  + config.maxJournalBytes()
                  + " bytes); try again later"));
      expired.add(put);
    }
    if (!expired.isEmpty()) {
      WriteOp.deliverAll(expired);
      return;
    }
    if (!(queue.peek() instanceof WriteOp.Put head)) {
      return;
    }
    waitingForRoom = true;
    try {
      if (hasRoom(head)) {
        return;
      }
      long untilExpiry = head.enqueuedNanos + timeout - now;
      LockSupport.parkNanos(this, Math.max(1, Math.min(untilExpiry, ROOM_POLL_NANOS)));
    } finally {
      waitingForRoom = false;
    }
  }

  /** After a failure: every op fails, except that a stop still stops. */
  private void failAll(ArrayDeque<WriteOp<?>> queue, Supplier<RuntimeException> error) {
    List<WriteOp<?>> failed = new ArrayList<>(queue);
    queue.clear();
    for (WriteOp<?> op : failed) {
      if (op instanceof WriteOp.Stop stop) {
        stopping = true;
        stop.succeed(-1L);
      } else {
        op.fail(error.get());
      }
    }
    WriteOp.deliverAll(failed);
  }
}
