package org.ipfeed.benchmarks;

import io.vertx.core.Future;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.ipfeed.store.local.LocalBlockStore;
import org.ipfeed.store.local.LocalStoreConfig;

/**
 * The ingest targets: how fast a node takes signed posts in, against raw Bouncy Castle Ed25519
 * verification of the very same signatures on the same cores in the same run.
 *
 * <p>Modes (the first argument):
 *
 * <ul>
 *   <li>{@code raw}: {@link Ed25519#verify} of every post's signature over its signed bytes, on one
 *       thread per core, inputs taken apart beforehand. The floor any ingest path pays, and the
 *       baseline of the ratio. Also shown with each author's point decoded beforehand, which is
 *       what ingest gets from the {@code did:key} cache.
 *   <li>{@code pipeline}: {@code raw}, then the gateway's ingest pipeline in process ({@link
 *       IngestPipeline}: strict decode, signature, clock, log continuity, durable pinned put into
 *       the embedded store, then the index feeder and Lucene), the logs submitted by {@link
 *       LogDriver}. Reported until every post is acknowledged, and until every post is indexed.
 *   <li>{@code http}: a whole gateway in process and {@code POST /api/v1/entries} over keep-alive
 *       loopback connections ({@link IngestHttp}); 201s per second, p50 and p99.
 *   <li>{@code all} (the default): raw, pipeline and http, one table.
 * </ul>
 *
 * <p>Fair by construction: every mode works on the same signed posts (signed before anything is
 * timed, never part of a measurement), on the same cores, in one JVM after the same warm-up (a
 * separate set of authors run through the same mode first, then {@link #settle}: the store's
 * backlog written out and the JIT compiler idle, so neither is charged to the measurement).
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar org.ipfeed.benchmarks.IngestLoad all
 * </pre>
 *
 * Options (system properties): {@code ipfeed.bench.authors} (2,000), {@code ipfeed.bench.perAuthor}
 * (50 posts each), {@code ipfeed.bench.warmupAuthors} (1,000), {@code ipfeed.bench.threads} (the
 * cores), {@code ipfeed.bench.inflight} (256 submissions outstanding in {@code pipeline}), {@code
 * ipfeed.bench.http.connections} (128), {@code ipfeed.bench.http.inflight} (as many as
 * connections), {@code ipfeed.bench.vertxWorkers} (the Vert.x worker pool of {@code pipeline},
 * where ingest decodes and verifies; Vert.x's default of 20, as {@code ipfeed serve} runs).
 *
 * <p>Per-thread CPU is printed after the table: on a shared machine the wall-clock rates drift, but
 * CPU seconds per post by role (verification workers, store, index, event loops, GC, JIT) do not
 * drift much, and they show where the time goes.
 */
public final class IngestLoad {

  static final long TIMEOUT_SECONDS = 600;
  static final int AUTHORS = Integer.getInteger("ipfeed.bench.authors", 2_000);
  static final int PER_AUTHOR = Integer.getInteger("ipfeed.bench.perAuthor", 50);
  static final int WARMUP_AUTHORS = Integer.getInteger("ipfeed.bench.warmupAuthors", 1_000);
  static final int THREADS =
      Integer.getInteger("ipfeed.bench.threads", Runtime.getRuntime().availableProcessors());
  static final int IN_FLIGHT = Integer.getInteger("ipfeed.bench.inflight", 256);
  static final int CONNECTIONS = Integer.getInteger("ipfeed.bench.http.connections", 128);
  static final int HTTP_IN_FLIGHT = Integer.getInteger("ipfeed.bench.http.inflight", CONNECTIONS);

  /** One line of the results table; {@code ratio} is to plain raw verification, NaN for none. */
  record Row(String what, int posts, double seconds, double ratio, double p50, double p99) {

    double perSecond() {
      return posts / seconds;
    }
  }

  private IngestLoad() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "all";
    if (!List.of("raw", "pipeline", "http", "all").contains(mode)) {
      throw new IllegalArgumentException("mode must be raw, pipeline, http or all, not " + mode);
    }
    System.out.printf(
        Locale.ROOT,
        "ingest load: %,d authors x %d posts (+ %,d warm-up authors), %d threads, pipeline %d in"
            + " flight, http %d connections %d in flight%n",
        AUTHORS,
        PER_AUTHOR,
        WARMUP_AUTHORS,
        THREADS,
        IN_FLIGHT,
        CONNECTIONS,
        HTTP_IN_FLIGHT);
    long s0 = System.nanoTime();
    IngestDataset warm = new IngestDataset(WARMUP_AUTHORS, PER_AUTHOR, 5_000_000);
    IngestDataset data = new IngestDataset(AUTHORS, PER_AUTHOR, 6_000_000);
    System.out.printf(
        Locale.ROOT,
        "signed %,d posts in %.1f s (not timed)%n",
        warm.size() + data.size(),
        (System.nanoTime() - s0) / 1e9);

    List<Row> rows = new ArrayList<>();
    List<String> profiles = new ArrayList<>();
    double raw = mode.equals("http") ? Double.NaN : raw(warm, data, rows);
    if (mode.equals("pipeline") || mode.equals("all")) {
      pipeline(warm, data, raw, rows, profiles);
    }
    if (mode.equals("http") || mode.equals("all")) {
      http(warm, data, raw, rows, profiles);
    }
    printTable(rows);
    profiles.forEach(System.out::print);
  }

  /** Raw verification of {@code data}'s signatures, both ways; returns the plain rate. */
  private static double raw(IngestDataset warm, IngestDataset data, List<Row> rows)
      throws InterruptedException {
    rawVerify(warm, false);
    rawVerify(warm, true);
    settle(null);
    long plain = rawVerify(data, false);
    long decoded = rawVerify(data, true);
    double raw = data.size() / (plain / 1e9);
    rows.add(row("raw BC Ed25519 verify", data.size(), plain, raw, null));
    rows.add(row("raw BC verify, point decoded once", data.size(), decoded, raw, null));
    return raw;
  }

  private static void pipeline(
      IngestDataset warm, IngestDataset data, double raw, List<Row> rows, List<String> profiles)
      throws Exception {
    try (IngestPipeline node = new IngestPipeline()) {
      node.run(warm, IN_FLIGHT, THREADS);
      settle(node.store);
      IngestPipeline.Result r = node.run(data, IN_FLIGHT, THREADS);
      rows.add(
          row("pipeline: acknowledged (durable)", data.size(), r.acked().nanos(), raw, r.acked()));
      rows.add(row("pipeline: acknowledged and indexed", data.size(), r.indexedNanos(), raw, null));
      profiles.add(
          String.format(
                  Locale.ROOT,
                  "pipeline: %.1f MB of blocks acknowledged but not yet in flatfs at the last"
                      + " acknowledgement (puts wait once %d MB are)%n",
                  r.backlogBytes() / 1e6,
                  LocalStoreConfig.DEFAULT_MAX_BACKLOG_BYTES >> 20)
              + "pipeline, CPU while ingesting and indexing:\n"
              + r.cpu());
    }
  }

  private static void http(
      IngestDataset warm, IngestDataset data, double raw, List<Row> rows, List<String> profiles)
      throws Exception {
    try (IngestHttp node = new IngestHttp(THREADS, CONNECTIONS)) {
      node.run(warm, HTTP_IN_FLIGHT, THREADS);
      settle(node.store);
      IngestHttp.Result r = node.run(data, HTTP_IN_FLIGHT, THREADS);
      rows.add(
          row("http: POST /api/v1/entries, 201", data.size(), r.acked().nanos(), raw, r.acked()));
      profiles.add("http, CPU of gateway and client together:\n" + r.cpu());
    }
  }

  /**
   * Verifies every signature of {@code data} on {@link #THREADS} threads (thread t takes posts t, t
   * + THREADS, ...), as raw Bouncy Castle calls over inputs already in hand.
   *
   * @return the nanoseconds from start to the last thread's end
   */
  static long rawVerify(IngestDataset data, boolean decodedPoint) throws InterruptedException {
    Thread[] threads = new Thread[THREADS];
    int[] bad = new int[THREADS];
    long start = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      int first = t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = first; i < data.size(); i += THREADS) {
                  byte[] m = data.messages[i];
                  boolean ok =
                      decodedPoint
                          ? Ed25519.verify(data.signatures[i], 0, data.points[i], m, 0, m.length)
                          : Ed25519.verify(
                              data.signatures[i], 0, data.publicKeys[i], 0, m, 0, m.length);
                  if (!ok) {
                    bad[first]++;
                  }
                }
              },
              "raw-verify-" + t);
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long nanos = System.nanoTime() - start;
    for (int b : bad) {
      if (b > 0) {
        throw new IllegalStateException("a signature did not verify: the data set is broken");
      }
    }
    return nanos;
  }

  private static Row row(String what, int posts, long nanos, double raw, LogDriver.Result lat) {
    double perSecond = posts / (nanos / 1e9);
    return new Row(
        what,
        posts,
        nanos / 1e9,
        perSecond / raw,
        lat == null ? Double.NaN : lat.percentileMillis(0.50),
        lat == null ? Double.NaN : lat.percentileMillis(0.99));
  }

  private static void printTable(List<Row> rows) {
    System.out.printf(
        Locale.ROOT,
        "%n| measurement (%d threads) | posts | seconds | posts/s | ratio to raw | p50 | p99 |%n",
        THREADS);
    System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
    for (Row r : rows) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %.2f | %,.0f | %s | %s | %s |%n",
          r.what(),
          r.posts(),
          r.seconds(),
          r.perSecond(),
          Double.isNaN(r.ratio()) ? "—" : String.format(Locale.ROOT, "%.2f", r.ratio()),
          millis(r.p50()),
          millis(r.p99()));
    }
    System.out.println(
        "\nTargets: pipeline acknowledged and indexed >= 12,000 posts/s and >= 0.6 of raw;"
            + " http >= 5,000 posts/s. p50/p99: one submission, from sent to acknowledged.\n");
  }

  private static String millis(double ms) {
    return Double.isNaN(ms) ? "—" : String.format(Locale.ROOT, "%.2f ms", ms);
  }

  /**
   * Lets the warm-up's after-effects finish before a measurement: the store's backlog of blocks
   * still to be written into flatfs (when there is a store), and the JIT compiler's queue. On two
   * cores the C2 compiler otherwise spends most of a core inside the measurement compiling what the
   * warm-up made hot (Lucene's flush and merge paths above all).
   */
  static void settle(LocalBlockStore store) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + 120_000_000_000L;
    while (store != null && store.backlogBytes() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long compiled = jit.getTotalCompilationTime();
    while (System.nanoTime() < deadline) {
      Thread.sleep(500);
      long now = jit.getTotalCompilationTime();
      if (now - compiled < 25) {
        break;
      }
      compiled = now;
    }
    System.out.printf(Locale.ROOT, "settled in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  /** Waits on the main thread (never an event loop) for a future of the node under test. */
  static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the node under test", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("waiting for the node under test failed", e);
    }
  }
}
