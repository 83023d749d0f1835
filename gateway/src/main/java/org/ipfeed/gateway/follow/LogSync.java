package org.ipfeed.gateway.follow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ipfeed.gateway.ingest.Head;
import org.ipfeed.gateway.ingest.Ingest;
import org.ipfeed.gateway.ingest.LogHeads;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.BlockStore;

/**
 * Brings one author's log up to a head learned from a peer: walks {@code prev} back from that head
 * until it meets an entry this node has accepted (or the log's first entry), then submits the new
 * entries oldest first to {@link Ingest}, which checks each signature and the log's continuity
 * before anything is pinned or indexed.
 *
 * <p>Syncs of one author run one after another; one whose head this node has meanwhile reached ends
 * at once. A walk is decoded (to follow {@code prev}) but not trusted: only ingest makes an entry
 * part of the log.
 */
public final class LogSync {

  /** The longest stretch of a log one sync fetches before giving up on that head. */
  static final int MAX_WALK = 1_000_000;

  private static final Logger LOG = Logger.getLogger(LogSync.class.getName());

  private final Vertx vertx;
  private final BlockStore store;
  private final LogHeads heads;
  private final Ingest ingest;
  private final Forks forks;
  private final Clock clock;
  private final Map<Did, Future<Integer>> tails = new ConcurrentHashMap<>();

  public LogSync(
      Vertx vertx, BlockStore store, LogHeads heads, Ingest ingest, Forks forks, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.heads = heads;
    this.ingest = ingest;
    this.forks = forks;
    this.clock = clock;
  }

  /**
   * Syncs {@code author}'s log to {@code head} (at {@code seq}), learned from {@code peer}. Answers
   * how many entries were added; fails if a block cannot be fetched or an entry is refused.
   */
  public Future<Integer> toHead(Did author, Cid head, long seq, URI peer) {
    Promise<Integer> done = Promise.promise();
    Future<Integer> before = tails.put(author, done.future());
    Future<?> start =
        before == null
            ? Future.succeededFuture()
            : before.transform(ar -> Future.succeededFuture());
    start.onComplete(
        ready -> {
          Optional<Head> ours = heads.get(author);
          if (ours.isEmpty() || ours.get().seq() < seq) {
            run(author, head, peer).onComplete(done);
          } else if (ours.get().seq() == seq && !ours.get().cid().equals(head)) {
            // A peer's head at our seq that is not our entry: a fork, if the author signed it.
            forkAtHead(author, head, seq, ours.get(), peer).map(0).onComplete(done);
          } else {
            done.complete(0);
          }
        });
    done.future().onComplete(finished -> tails.remove(author, done.future()));
    return done.future();
  }

  private Future<Void> forkAtHead(Did author, Cid head, long seq, Head ours, URI peer) {
    return store
        .get(head)
        .compose(block -> vertx.executeBlocking(() -> SignedEntry.decode(block.bytes()), false))
        .compose(
            entry ->
                entry.entry().author().equals(author) && entry.entry().seq() == seq
                    ? reportFork(entry, ours, peer)
                    : Future.<Void>failedFuture(
                        new IllegalStateException(
                            peer + " gave " + head + " as " + author + "'s head at seq " + seq)))
        .onFailure(e -> LOG.log(Level.FINE, "cannot check " + head + ": " + e.getMessage()));
  }

  private Future<Integer> run(Did author, Cid head, URI peer) {
    List<Cid> newestFirst = new ArrayList<>();
    return walk(author, head, -1, newestFirst, peer)
        .compose(
            meets ->
                meets
                    ? submitOldestFirst(newestFirst, newestFirst.size() - 1, 0)
                    : Future.succeededFuture(0))
        .onFailure(
            e ->
                LOG.log(
                    Level.WARNING,
                    "cannot follow "
                        + author
                        + " to "
                        + head
                        + " from "
                        + peer
                        + ": "
                        + e.getMessage()));
  }

  /**
   * Fetches {@code cid} and the entries before it, collecting those this node lacks. Answers
   * whether the walk met this node's log (or reached the first entry); false for a fork, which has
   * been reported.
   */
  private Future<Boolean> walk(
      Did author, Cid cid, long expectedSeq, List<Cid> newestFirst, URI peer) {
    if (newestFirst.size() >= MAX_WALK) {
      return Future.failedFuture(
          new IllegalStateException("the log is longer than " + MAX_WALK + " entries past ours"));
    }
    return store
        .get(cid)
        .compose(block -> vertx.executeBlocking(() -> SignedEntry.decode(block.bytes()), false))
        .compose(
            entry -> {
              long seq = entry.entry().seq();
              if (!entry.entry().author().equals(author)
                  || (expectedSeq >= 0 && seq != expectedSeq)) {
                return Future.failedFuture(
                    new IllegalStateException(
                        cid + " is not entry " + expectedSeq + " of " + author + "'s log"));
              }
              Optional<Head> ours = heads.get(author);
              if (ours.isPresent() && seq <= ours.get().seq()) {
                if (ours.get().seq() == seq && !ours.get().cid().equals(cid)) {
                  return reportFork(entry, ours.get(), peer).map(false);
                }
                return Future.succeededFuture(true);
              }
              newestFirst.add(cid);
              Optional<Cid> prev = entry.entry().header().prev();
              if (prev.isEmpty()) {
                return Future.succeededFuture(true);
              }
              return store
                  .isPinned(prev.get())
                  .compose(
                      accepted ->
                          accepted
                              ? Future.succeededFuture(true)
                              : walk(author, prev.get(), seq - 1, newestFirst, peer));
            });
  }

  /** A fork is only a fork if the author really signed the other entry. */
  private Future<Void> reportFork(SignedEntry theirs, Head ours, URI peer) {
    return vertx.executeBlocking(
        () -> {
          theirs.verify();
          forks.report(
              new Fork(
                  theirs.entry().author(),
                  theirs.entry().seq(),
                  ours.cid(),
                  theirs.cid(),
                  peer,
                  clock.instant()));
          return null;
        },
        false);
  }

  private Future<Integer> submitOldestFirst(List<Cid> newestFirst, int i, int added) {
    if (i < 0) {
      return Future.succeededFuture(added);
    }
    return store
        .get(newestFirst.get(i))
        .compose(block -> ingest.submit(block.bytes(), Ingest.Origin.FOLLOWED))
        .compose(
            accepted ->
                submitOldestFirst(newestFirst, i - 1, added + (accepted.created() ? 1 : 0)));
  }
}
