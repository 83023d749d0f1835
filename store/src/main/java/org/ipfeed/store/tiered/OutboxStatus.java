package org.ipfeed.store.tiered;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of the outbox and the node, for metrics and {@code /health}.
 *
 * @param node the node's state
 * @param nodeSince when it entered that state
 * @param length writes not yet confirmed by the node (waiting, in flight or in back-off)
 * @param inFlight pushes running now
 * @param consecutiveFailures node failures since its last successful push
 * @param nextAttempt when the node is asked again; empty unless it is down
 * @param lastError the {@code reason} of the last failed push, such as {@code ipfs-unreachable}
 * @param pushed writes the node confirmed since start-up
 * @param skipped writes that needed no push (already pushed, or made moot by a later write)
 * @param dropped writes whose block was deleted locally before it could be pushed
 */
public record OutboxStatus(
    NodeState node,
    Instant nodeSince,
    int length,
    int inFlight,
    int consecutiveFailures,
    Optional<Instant> nextAttempt,
    Optional<String> lastError,
    long pushed,
    long skipped,
    long dropped) {}
