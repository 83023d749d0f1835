package org.ipfeed.store.local;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multihash;
import org.ipfeed.store.Block;

/**
 * One request to the {@link Writer}, and its answer. The writer fills in {@link #result} or {@link
 * #failure} on its own thread; {@link #deliverAll} then completes the promise on the context of the
 * caller, so callbacks never run on the writer thread.
 */
abstract sealed class WriteOp<T>
    permits WriteOp.Put,
        WriteOp.Pin,
        WriteOp.Unpin,
        WriteOp.Delete,
        WriteOp.GcBegin,
        WriteOp.GcSweep,
        WriteOp.GcEnd,
        WriteOp.Rotate,
        WriteOp.Stop {

  final Context context;
  final long enqueuedNanos = System.nanoTime();
  private final Promise<T> promise = Promise.promise();
  private T result;
  private Throwable failure;

  /** Whether the op wrote a journal record (and so has something to publish once durable). */
  boolean recorded;

  WriteOp(Context context) {
    this.context = context;
  }

  Future<T> future() {
    return promise.future();
  }

  void succeed(T value) {
    result = value;
  }

  void fail(Throwable cause) {
    failure = cause;
  }

  boolean failed() {
    return failure != null;
  }

  private void deliver() {
    if (failure != null) {
      promise.tryFail(failure);
    } else {
      promise.tryComplete(result);
    }
  }

  /** Completes each op on its caller's context, with one task per context rather than per op. */
  static void deliverAll(List<? extends WriteOp<?>> ops) {
    Map<Context, List<WriteOp<?>>> byContext = new IdentityHashMap<>();
    for (WriteOp<?> op : ops) {
      byContext.computeIfAbsent(op.context, c -> new ArrayList<>()).add(op);
    }
    byContext.forEach(
        (context, group) -> context.runOnContext(v -> group.forEach(WriteOp::deliver)));
  }

  static final class Put extends WriteOp<Void> {
    final Block block;
    final boolean pin;

    /** Already durable (a newer copy waits in memory): nothing to write. */
    boolean duplicate;

    /** Whether this put added the pin (rather than finding it). */
    boolean pinAdded;

    Put(Context context, Block block, boolean pin) {
      super(context);
      this.block = block;
      this.pin = pin;
    }

    Multihash multihash() {
      return block.cid().multihash();
    }
  }

  static final class Pin extends WriteOp<Void> {
    final Cid cid;

    Pin(Context context, Cid cid) {
      super(context);
      this.cid = cid;
    }
  }

  static final class Unpin extends WriteOp<Void> {
    final Cid cid;

    Unpin(Context context, Cid cid) {
      super(context);
      this.cid = cid;
    }
  }

  static final class Delete extends WriteOp<Void> {
    final Cid cid;

    Delete(Context context, Cid cid) {
      super(context);
      this.cid = cid;
    }
  }

  /** Starts sparing every block put or pinned from now on; answers the segment to retire first. */
  static final class GcBegin extends WriteOp<Long> {
    GcBegin(Context context) {
      super(context);
    }
  }

  /** Removes those of {@code candidates} that are still garbage. */
  static final class GcSweep extends WriteOp<GcResult> {
    final List<GcCandidate> candidates;

    GcSweep(Context context, List<GcCandidate> candidates) {
      super(context);
      this.candidates = candidates;
    }
  }

  /** A block file found by the GC's listing. */
  record GcCandidate(Multihash multihash, long size) {}

  static final class GcEnd extends WriteOp<Void> {
    GcEnd(Context context) {
      super(context);
    }
  }

  /** Closes the current segment; answers its id, so a caller can wait for it to retire. */
  static final class Rotate extends WriteOp<Long> {
    Rotate(Context context) {
      super(context);
    }
  }

  /** The last op: closes the last segment and ends the writer; answers that segment's id. */
  static final class Stop extends WriteOp<Long> {
    Stop(Context context) {
      super(context);
    }
  }
}
