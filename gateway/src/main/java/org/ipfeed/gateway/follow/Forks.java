package org.ipfeed.gateway.follow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;
import org.ipfeed.schema.identity.Did;

/**
 * The forks this node has seen since it started, newest last, at most {@link #MAX} of them. Every
 * fork is logged too; this is what the author endpoint shows.
 */
public final class Forks {

  static final int MAX = 1_000;
  private static final Logger LOG = Logger.getLogger(Forks.class.getName());

  private final Deque<Fork> forks = new ArrayDeque<>();

  /** Records a fork, unless the same one is already recorded. */
  public synchronized void report(Fork fork) {
    boolean known =
        forks.stream()
            .anyMatch(f -> f.author().equals(fork.author()) && f.theirs().equals(fork.theirs()));
    if (known) {
      return;
    }
    LOG.warning(
        "log fork: "
            + fork.author()
            + " signed two entries at seq "
            + fork.seq()
            + ": ours "
            + fork.ours()
            + ", "
            + fork.theirs()
            + " from "
            + fork.peer());
    forks.addLast(fork);
    if (forks.size() > MAX) {
      forks.removeFirst();
    }
  }

  public synchronized List<Fork> of(Did author) {
    return forks.stream().filter(f -> f.author().equals(author)).toList();
  }

  public synchronized int size() {
    return forks.size();
  }
}
