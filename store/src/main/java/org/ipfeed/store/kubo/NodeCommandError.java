package org.ipfeed.store.kubo;

import java.util.Locale;

/**
 * The node ran the command and reported that it failed: an HTTP error status with the RPC error
 * body {@code {"Message":...,"Code":...}}, or an {@code X-Stream-Error} trailer after a 200.
 *
 * <p>Never leaves this package: {@link KuboBlockStore} turns it into the error vocabulary (or into
 * a value, such as {@code false} for "not pinned"). Both nodes signal every command error the same
 * way (500, code 0 on js-ipfs), so the message is all there is to tell them apart; the predicates
 * below hold the phrases both nodes use.
 */
final class NodeCommandError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  NodeCommandError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  private String lower() {
    return getMessage().toLowerCase(Locale.ROOT);
  }

  /**
   * The block is not there: js-ipfs says "request timed out" once {@code timeout=} runs out, Kubo
   * "context deadline exceeded"; offline or local-only lookups say "not found" or "could not find".
   */
  boolean blockMissing() {
    String m = lower();
    return m.contains("timed out")
        || m.contains("deadline exceeded")
        || m.contains("not found")
        || m.contains("could not find");
  }

  /**
   * "path '...' is not pinned" (both), "... is not pinned" (js-ipfs pin/rm), "not pinned or pinned
   * indirectly" (Kubo).
   */
  boolean notPinned() {
    return lower().contains("not pinned");
  }

  /** block/rm refused a pinned block: "pinned: direct", "pinned (recursive)", "pinned via ...". */
  boolean pinned() {
    String m = lower();
    return m.contains("pinned") && !m.contains("not pinned");
  }
}
