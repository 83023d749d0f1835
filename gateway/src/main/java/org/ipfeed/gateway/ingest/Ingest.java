package org.ipfeed.gateway.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.ipfeed.schema.entry.InvalidEntryException;
import org.ipfeed.schema.entry.Limits;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.TooLargeException;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;
import org.ipfeed.store.BlockStore;

/**
 * Accepting a submitted entry: the checks of DESIGN.md in their order (size, strict decode, schema,
 * signature, log continuity), then a durable, pinned put. Nothing is stored before every check has
 * passed, and nothing is acknowledged before it is stored.
 *
 * <p>Log continuity: a first entry (seq 1) starts a log; any later entry must name as {@code prev}
 * an entry this node holds, by the same author, one {@code seq} before it. An entry at a {@code
 * seq} the author's known head has already reached, and that is not the entry already there, would
 * fork the log and is refused. Entries of one author are placed one at a time, so two competing
 * entries cannot both pass.
 */
public final class Ingest {

  /** The worker pool that decodes and verifies submissions, one thread per core. */
  public static final String VERIFIERS = "ipfeed-verify";

  /** What happened to a submission. */
  public record Accepted(SignedEntry entry, boolean created) {}

  /** Where a submission came from. */
  public enum Origin {
    /** A user of this node: a post, an import. Its author becomes one of the node's users. */
    LOCAL,
    /** A log this node follows, fetched from peers. */
    FOLLOWED
  }

  /** Told of every entry stored; called on whatever thread the store completes on. */
  public interface Listener {
    /**
     * @param created whether the entry is new to the log (false: it was already there)
     */
    void stored(SignedEntry entry, boolean created, Origin origin);
  }

  /**
   * Told the outcome of every submission, for metrics. Called on whatever thread the submission
   * completes on, so it must return at once.
   */
  public interface Outcomes {

    Outcomes NONE =
        new Outcomes() {
          @Override
          public void accepted(Accepted accepted) {}

          @Override
          public void rejected(Throwable failure) {}
        };

    /** The entry is stored: new, or already there. */
    void accepted(Accepted accepted);

    /** The entry was refused (or could not be stored); {@code failure} is what the client sees. */
    void rejected(Throwable failure);
  }

  private final BlockStore store;
  private final LogHeads heads;
  private final Clock clock;
  private final Outcomes outcomes;
  private final Listener listener;
  private final WorkerExecutor verifiers;
  private final Map<Did, Future<?>> tails = new ConcurrentHashMap<>();

  /**
   * @param listener told of every entry that is stored (new or not), for the index and the live
   *     stream; it must return at once
   */
  public Ingest(Vertx vertx, BlockStore store, LogHeads heads, Clock clock, Listener listener) {
    this(vertx, store, heads, clock, listener, Outcomes.NONE);
  }

  /**
   * @param listener as above
   * @param outcomes told the outcome of every submission
   */
  public Ingest(
      Vertx vertx,
      BlockStore store,
      LogHeads heads,
      Clock clock,
      Listener listener,
      Outcomes outcomes) {
    this.store = store;
    this.heads = heads;
    this.clock = clock;
    this.listener = listener;
    this.outcomes = outcomes;
    this.verifiers =
        vertx.createSharedWorkerExecutor(VERIFIERS, Runtime.getRuntime().availableProcessors());
  }

  /** Checks and stores a signed entry's DAG-CBOR bytes submitted by a user of this node. */
  public Future<Accepted> submit(byte[] block) {
    return submit(block, Origin.LOCAL);
  }

  /** Checks and stores a signed entry's DAG-CBOR bytes. */
  public Future<Accepted> submit(byte[] block, Origin origin) {
    return check(block, origin).onSuccess(outcomes::accepted).onFailure(outcomes::rejected);
  }

  private Future<Accepted> check(byte[] block, Origin origin) {
    if (block.length > Limits.MAX_BLOCK_BYTES) {
      return Future.failedFuture(
          new TooLargeException(
              "too-large",
              "an entry is at most " + Limits.MAX_BLOCK_BYTES + " bytes, not " + block.length,
              Limits.MAX_BLOCK_BYTES));
    }
    // Decoding and the signature are CPU work: a worker, never the event loop, and a pool no
    // bigger than the machine, so that a burst of submissions queues here instead of preempting
    // the event loops and the index writer.
    return verifiers
        .executeBlocking(() -> checkClock(SignedEntry.decode(block).verify()), false)
        .compose(entry -> oneAtATime(entry.entry().author(), () -> place(entry, origin)));
  }

  private SignedEntry checkClock(SignedEntry entry) {
    Instant created = entry.entry().header().createdAt();
    if (created.isAfter(clock.instant().plus(Limits.MAX_CLOCK_SKEW))) {
      throw new InvalidEntryException(
          "from-the-future",
          "createdAt: "
              + created
              + " is more than "
              + Limits.MAX_CLOCK_SKEW.toMinutes()
              + " minutes ahead of this node's clock");
    }
    return entry;
  }

  /**
   * An entry at or below its author's known head is either the one already in the log (pinned,
   * since every accepted entry is) or a fork. One beyond the head must continue the log.
   */
  private Future<Accepted> place(SignedEntry entry, Origin origin) {
    Did author = entry.entry().author();
    long seq = entry.entry().seq();
    Optional<Head> head = heads.get(author);
    if (head.isPresent() && head.get().seq() >= seq) {
      // Pinned, not merely present: a block fetched while following a peer's fork is cached
      // unpinned, and must not pass for part of the log.
      return store
          .isPinned(entry.cid())
          .compose(
              accepted -> {
                if (accepted) {
                  listener.stored(entry, false, origin);
                  return Future.succeededFuture(new Accepted(entry, false));
                }
                return Future.failedFuture(
                    new ConflictException(
                        "log-fork",
                        author
                            + "'s log already has an entry at seq "
                            + seq
                            + " (its head is seq "
                            + head.get().seq()
                            + ", "
                            + head.get().cid()
                            + "); "
                            + entry.cid()
                            + " would fork it"));
              });
    }
    Optional<Cid> prev = entry.entry().header().prev();
    if (prev.isEmpty()) {
      return store(entry, origin);
    }
    if (head.isPresent() && head.get().cid().equals(prev.get()) && head.get().seq() == seq - 1) {
      return store(entry, origin);
    }
    return checkPrev(entry, prev.get()).compose(ok -> store(entry, origin));
  }

  /** Proves the entry's place through the store when the head does not (a cold or lost head). */
  private Future<Void> checkPrev(SignedEntry entry, Cid prev) {
    return store
        .get(prev)
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof NotFoundException
                        ? new ConflictException(
                            "unknown-prev",
                            "entry "
                                + entry.cid()
                                + " follows "
                                + prev
                                + ", which this node does not hold; submit the author's earlier"
                                + " entries first")
                        : failure))
        .compose(
            block ->
                verifiers.executeBlocking(
                    () -> {
                      SignedEntry before = SignedEntry.decode(block.bytes()).verify();
                      boolean sameLog =
                          before.entry().author().equals(entry.entry().author())
                              && before.entry().seq() == entry.entry().seq() - 1;
                      if (!sameLog) {
                        throw new ConflictException(
                            "broken-log",
                            "entry "
                                + entry.cid()
                                + " (seq "
                                + entry.entry().seq()
                                + ") names as prev "
                                + prev
                                + ", which is seq "
                                + before.entry().seq()
                                + " of "
                                + before.entry().author());
                      }
                      return null;
                    },
                    false));
  }

  private Future<Accepted> store(SignedEntry entry, Origin origin) {
    return store
        .putPinned(Block.verified(entry.cid(), entry.block()))
        .map(
            durable -> {
              heads.advance(entry.entry().author(), new Head(entry.entry().seq(), entry.cid()));
              listener.stored(entry, true, origin);
              return new Accepted(entry, true);
            });
  }

  /** Runs {@code work} after every earlier submission by {@code author} has finished. */
  private <T> Future<T> oneAtATime(Did author, Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    Future<?> before = tails.put(author, done.future());
    Future<?> start =
        before == null
            ? Future.succeededFuture()
            : before.transform(ar -> Future.succeededFuture());
    start.onComplete(
        ready -> {
          try {
            work.get().onComplete(done);
          } catch (RuntimeException e) {
            done.fail(e);
          }
        });
    done.future().onComplete(finished -> tails.remove(author, done.future()));
    return done.future();
  }
}
