package org.ipfeed.store.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits from a test thread (never an event loop) for something another thread makes true, such as
 * an outbox draining in the background.
 */
public final class Eventually {

  private Eventually() {}

  /** Polls {@code condition} every 10 ms until it holds; fails the test after {@code within}. */
  public static void until(BooleanSupplier condition, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition still false after " + within);
      }
      pause(Duration.ofMillis(10));
    }
  }

  /** Lets background work run for a while, to show that something does not happen. */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
