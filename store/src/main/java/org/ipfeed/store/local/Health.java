package org.ipfeed.store.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the store can still be trusted to keep its promises.
 *
 * <p>Any I/O error in the background (a journal fsync, a flatfs write, a sync before a segment is
 * dropped) is fatal to this process's store: after a failed fsync nothing says which pages reached
 * the disk, and retrying can report success for data that is gone. So the first failure is kept,
 * every later operation fails with it, and nothing more is deleted from the journal. Reopening runs
 * recovery, which trusts only what it can read back and check.
 */
final class Health {

  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Records the first failure and tells the listeners; later failures are dropped. */
  void fail(Throwable cause) {
    if (failure.compareAndSet(null, cause)) {
      listeners.forEach(Runnable::run);
    }
  }

  boolean failed() {
    return failure.get() != null;
  }

  Throwable failure() {
    return failure.get();
  }

  void onFailure(Runnable listener) {
    listeners.add(listener);
  }

  /** The exception operations fail with once the store has failed, naming the first cause. */
  IllegalStateException failedException(Object where) {
    Throwable cause = failure.get();
    return new IllegalStateException(
        "the local block store in " + where + " failed and must be reopened: " + cause, cause);
  }
}
