package org.ipfeed.gateway.follow;

import java.time.Duration;

/** Waits that double after each failure, from {@code first} up to {@code max}; reset by success. */
final class Backoff {

  private final Duration first;
  private final Duration max;
  private Duration next;
  private long quietUntilNanos;

  Backoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
    this.next = first;
  }

  /** Records a failure and answers how long to wait before the next try. */
  synchronized Duration failed() {
    Duration wait = next;
    next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
    quietUntilNanos = System.nanoTime() + wait.toNanos();
    return wait;
  }

  synchronized void succeeded() {
    next = first;
    quietUntilNanos = 0;
  }

  /** Whether the last failure's wait is over. */
  synchronized boolean ready() {
    return quietUntilNanos == 0 || System.nanoTime() - quietUntilNanos >= 0;
  }
}
