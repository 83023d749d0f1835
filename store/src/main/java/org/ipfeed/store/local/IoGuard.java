package org.ipfeed.store.local;

import io.vertx.core.Context;

/**
 * The tripwire behind "disk I/O never runs on an event loop": every method of this package that
 * touches the file system calls {@link #offEventLoop()} first, so a mistake fails loudly in tests
 * instead of stalling every connection of the event loop in production.
 */
final class IoGuard {

  private IoGuard() {}

  static void offEventLoop() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(
          "disk I/O attempted on event-loop thread " + Thread.currentThread().getName());
    }
  }
}
