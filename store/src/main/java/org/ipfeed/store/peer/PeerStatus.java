package org.ipfeed.store.peer;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * What this gateway knows about one peer, for metrics and {@code /health}.
 *
 * @param gateway the peer's base URL
 * @param reachability how its last exchange went
 * @param consecutiveFailures failures since its last good answer
 * @param lastSuccess when it last answered properly (a verified block, or "not here")
 * @param lastFailure when it last failed (unreachable, slow, 5xx, wrong or oversized bytes)
 * @param lastError the {@code reason} of that failure, such as {@code peer-timeout} or {@code
 *     block-mismatch}
 * @param retryAt until when it is asked after the healthy peers; empty when healthy
 */
public record PeerStatus(
    URI gateway,
    Reachability reachability,
    int consecutiveFailures,
    Optional<Instant> lastSuccess,
    Optional<Instant> lastFailure,
    Optional<String> lastError,
    Optional<Instant> retryAt) {

  /** How a peer's last exchange went. */
  public enum Reachability {
    /** Not asked yet. */
    UNKNOWN,
    /** Its last exchange was a proper answer. */
    REACHABLE,
    /** Its last exchange failed; it is in back-off. */
    FAILING
  }
}
