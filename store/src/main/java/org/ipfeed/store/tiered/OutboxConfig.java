package org.ipfeed.store.tiered;

import java.time.Duration;

/**
 * How the outbox pushes writes to the IPFS node.
 *
 * @param maxInFlight pushes running at once while the node is up; default 4 (js-ipfs takes about
 *     twice the puts per second at 8 in flight as at 1, and the node is shared with reads)
 * @param retryBase the wait before asking a node that failed again; default 500 ms, doubled for
 *     every further failure in a row
 * @param retryMax the longest such wait; default 1 min, so a node that comes back is noticed within
 *     a minute
 * @param maxEntries writes waiting for the node before new writes are refused with {@code
 *     OverloadedException}; default 100,000 (about 15 MB of memory and 10 MB of journal)
 * @param compactBytes the journal is rewritten without its finished entries once it is this large
 *     and at least half of it is finished; default 4 MiB
 */
public record OutboxConfig(
    int maxInFlight, Duration retryBase, Duration retryMax, int maxEntries, long compactBytes) {

  public static final int DEFAULT_MAX_IN_FLIGHT = 4;
  public static final Duration DEFAULT_RETRY_BASE = Duration.ofMillis(500);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(1);
  public static final int DEFAULT_MAX_ENTRIES = 100_000;
  public static final long DEFAULT_COMPACT_BYTES = 4L << 20;

  public OutboxConfig {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
    }
    if (retryBase.isNegative() || retryBase.isZero()) {
      throw new IllegalArgumentException("retryBase must be positive: " + retryBase);
    }
    if (retryMax.compareTo(retryBase) < 0) {
      throw new IllegalArgumentException(
          "retryMax " + retryMax + " is shorter than retryBase " + retryBase);
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
    }
    if (compactBytes < 1) {
      throw new IllegalArgumentException("compactBytes must be positive: " + compactBytes);
    }
  }

  /** Every setting at its default. */
  public static OutboxConfig defaults() {
    return new OutboxConfig(
        DEFAULT_MAX_IN_FLIGHT,
        DEFAULT_RETRY_BASE,
        DEFAULT_RETRY_MAX,
        DEFAULT_MAX_ENTRIES,
        DEFAULT_COMPACT_BYTES);
  }

  public OutboxConfig withMaxInFlight(int maxInFlight) {
    return new OutboxConfig(maxInFlight, retryBase, retryMax, maxEntries, compactBytes);
  }

  public OutboxConfig withRetry(Duration retryBase, Duration retryMax) {
    return new OutboxConfig(maxInFlight, retryBase, retryMax, maxEntries, compactBytes);
  }

  public OutboxConfig withMaxEntries(int maxEntries) {
    return new OutboxConfig(maxInFlight, retryBase, retryMax, maxEntries, compactBytes);
  }

  public OutboxConfig withCompactBytes(long compactBytes) {
    return new OutboxConfig(maxInFlight, retryBase, retryMax, maxEntries, compactBytes);
  }
}
