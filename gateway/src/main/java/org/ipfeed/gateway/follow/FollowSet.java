package org.ipfeed.gateway.follow;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.ipfeed.indexer.FeedIndex;
import org.ipfeed.schema.entry.Follow;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.Did;

/**
 * The authors this node follows: those its operator configured, and those its {@link LocalUsers}
 * follow according to the index. A user's new follow is added at once, before the index has it, so
 * that following someone fetches their log straight away; unfollows take effect at the next {@link
 * #refresh}.
 */
public final class FollowSet {

  private final Set<Did> configured;
  private final Set<Did> added = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final LocalUsers users;
  private final FeedIndex index;
  private volatile Set<Did> current;

  public FollowSet(Set<Did> configured, LocalUsers users, FeedIndex index) {
    this.configured = Set.copyOf(configured);
    this.users = users;
    this.index = index;
    this.current = this.configured;
  }

  public boolean contains(Did author) {
    return current.contains(author);
  }

  public Set<Did> all() {
    return current;
  }

  /** The authors followed by the node's configuration (flags, environment, file). */
  public Set<Did> configured() {
    return configured;
  }

  /** The authors an operator added at run time (the admin API), beyond the configuration. */
  public Set<Did> added() {
    return Set.copyOf(added);
  }

  /** Adds an operator's author; true if the set gained them. */
  public synchronized boolean add(Did author) {
    added.add(author);
    if (current.contains(author)) {
      return false;
    }
    Set<Did> next = new HashSet<>(current);
    next.add(author);
    current = Set.copyOf(next);
    return true;
  }

  /** Removes an operator's author; a user's follow of them still counts at the next refresh. */
  public boolean remove(Did author) {
    return added.remove(author);
  }

  /**
   * Recomputes the set from the index (blocking: call it on a worker) and answers the authors that
   * were not in it before.
   */
  public Set<Did> refresh() {
    Set<Did> next = new HashSet<>(configured);
    next.addAll(added);
    for (Did user : users.all()) {
      next.addAll(index.following(user));
    }
    synchronized (this) {
      Set<Did> added = new HashSet<>(next);
      added.removeAll(current);
      current = Set.copyOf(next);
      return added;
    }
  }

  /**
   * Takes note of a newly stored entry: a local user's follow adds its subject. Answers the author
   * that entered the set, if one did.
   */
  public Optional<Did> observe(SignedEntry entry) {
    if (entry.entry() instanceof Follow follow
        && users.contains(follow.author())
        && !current.contains(follow.subject())) {
      synchronized (this) {
        Set<Did> next = new HashSet<>(current);
        next.add(follow.subject());
        current = Set.copyOf(next);
      }
      return Optional.of(follow.subject());
    }
    return Optional.empty();
  }
}
