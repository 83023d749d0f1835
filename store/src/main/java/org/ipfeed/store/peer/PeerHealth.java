package org.ipfeed.store.peer;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One peer's record of successes and failures. Shared by every read, whichever event loop it runs
 * on, hence synchronized; nothing slow happens under the lock.
 */
final class PeerHealth {

  private final URI gateway;
  private final Duration retryBase;
  private final Duration retryMax;
  private int failures;
  private Instant lastSuccess;
  private Instant lastFailure;
  private String lastError;
  private Instant retryAt;

  PeerHealth(URI gateway, Duration retryBase, Duration retryMax) {
    this.gateway = gateway;
    this.retryBase = retryBase;
    this.retryMax = retryMax;
  }

  URI gateway() {
    return gateway;
  }

  /** A proper answer: the block, or a clear "not here". */
  synchronized void succeeded(Instant now) {
    failures = 0;
    lastSuccess = now;
    retryAt = null;
  }

  synchronized void failed(Instant now, String reason) {
    failures++;
    lastFailure = now;
    lastError = reason;
    retryAt = now.plus(backoff(failures));
  }

  /** When the peer may be asked first again; {@link Instant#MIN} when it is healthy. */
  synchronized Instant retryAt() {
    return retryAt == null ? Instant.MIN : retryAt;
  }

  synchronized PeerStatus status() {
    PeerStatus.Reachability reachability;
    if (failures > 0) {
      reachability = PeerStatus.Reachability.FAILING;
    } else if (lastSuccess != null) {
      reachability = PeerStatus.Reachability.REACHABLE;
    } else {
      reachability = PeerStatus.Reachability.UNKNOWN;
    }
    return new PeerStatus(
        gateway,
        reachability,
        failures,
        Optional.ofNullable(lastSuccess),
        Optional.ofNullable(lastFailure),
        Optional.ofNullable(lastError),
        Optional.ofNullable(retryAt));
  }

  /** retryBase, doubled per further failure, capped at retryMax (and safe from overflow). */
  private Duration backoff(int failures) {
    Duration d = retryBase;
    for (int i = 1; i < failures && d.compareTo(retryMax) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(retryMax) > 0 ? retryMax : d;
  }
}
