package org.ipfeed.benchmarks;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Submits many authors' logs with a fixed number of submissions outstanding, the way a busy node
 * sees them: each author's entries strictly one after another (the next one goes out only once the
 * previous one is acknowledged, as a client that must know its {@code prev} does), many authors in
 * parallel.
 *
 * <p>{@code inFlight} lanes each take a ready author, submit its next entry, and when that is
 * acknowledged put the author back at the end of the queue and take the next ready one. Lanes run
 * on the given Vert.x contexts, round-robin, so submissions start on event loops as HTTP requests
 * do. A failed entry stops its author (its later entries could only fail as {@code unknown-prev})
 * and fails the run.
 */
final class LogDriver {

  /** Submits the entry with this id ({@code author * perAuthor + seq - 1}). */
  interface Submitter {
    Future<?> submit(int id);
  }

  /**
   * One run.
   *
   * @param nanos from the first submission to the last acknowledgement
   * @param latencies per entry, from its submission to its acknowledgement, sorted
   * @param failures entries that failed
   * @param firstFailure the first failure, or null
   */
  record Result(long nanos, long[] latencies, int failures, Throwable firstFailure) {

    double perSecond() {
      return (latencies.length - failures) / (nanos / 1e9);
    }

    double percentileMillis(double p) {
      return latencies[(int) Math.min(latencies.length - 1, latencies.length * p)] / 1e6;
    }
  }

  private final int perAuthor;
  private final Submitter submitter;
  private final int[] next;
  private final long[] latencies;
  private final ConcurrentLinkedQueue<Integer> ready = new ConcurrentLinkedQueue<>();
  private final CountDownLatch done;
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

  private LogDriver(int authors, int perAuthor, Submitter submitter) {
    this.perAuthor = perAuthor;
    this.submitter = submitter;
    this.next = new int[authors];
    this.latencies = new long[authors * perAuthor];
    this.done = new CountDownLatch(authors * perAuthor);
    for (int a = 0; a < authors; a++) {
      ready.add(a);
    }
  }

  /**
   * {@code n} event-loop contexts of {@code vertx}, one small deployment each: Vert.x gives each
   * deployment the next event loop, so lanes spread over them as connections do over servers.
   */
  static List<Context> eventLoops(Vertx vertx, int n) {
    List<Context> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AtomicReference<Context> got = new AtomicReference<>();
      IngestLoad.await(
          vertx.deployVerticle(
              context -> {
                got.set(context);
                return Future.succeededFuture();
              }));
      out.add(got.get());
    }
    return out;
  }

  /** Runs every log to its end (or its first failure); waits at most {@code timeoutSeconds}. */
  static Result run(
      List<Context> contexts,
      int authors,
      int perAuthor,
      int inFlight,
      Submitter submitter,
      long timeoutSeconds)
      throws InterruptedException {
    LogDriver d = new LogDriver(authors, perAuthor, submitter);
    long start = System.nanoTime();
    for (int lane = 0; lane < inFlight; lane++) {
      Context c = contexts.get(lane % contexts.size());
      c.runOnContext(v -> d.lane(c));
    }
    if (!d.done.await(timeoutSeconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          d.done.getCount() + " entries not acknowledged after " + timeoutSeconds + " s");
    }
    long nanos = System.nanoTime() - start;
    long[] sorted = d.latencies.clone();
    Arrays.sort(sorted);
    return new Result(nanos, sorted, d.failures.get(), d.firstFailure.get());
  }

  /** Takes the next ready author; a lane ends when none is ready (the rest are in flight). */
  private void lane(Context context) {
    Integer author = ready.poll();
    if (author == null) {
      return;
    }
    int a = author;
    int id = a * perAuthor + next[a];
    long t0 = System.nanoTime();
    Future<?> acked;
    try {
      acked = submitter.submit(id);
    } catch (RuntimeException e) {
      acked = Future.failedFuture(e);
    }
    acked.onComplete(
        ar -> {
          latencies[id] = System.nanoTime() - t0;
          next[a]++;
          done.countDown();
          if (ar.failed()) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, ar.cause());
            for (int k = next[a]; k < perAuthor; k++) {
              done.countDown();
            }
          } else if (next[a] < perAuthor) {
            ready.add(a);
          }
          // Through the context, so a future that completes at once cannot grow the stack.
          context.runOnContext(v -> lane(context));
        });
  }
}
