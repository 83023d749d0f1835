package org.ipfeed.benchmarks;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Timeline and search over HTTP at a fixed rate, against a gateway serving the 1,000,000-post index
 * ({@code benchmarks/gateway/read-load.sh} sets it up): the "timeline and search at p99 ≤
 * 30 ms under 500 requests per second".
 *
 * <p>Open loop: requests are issued on a schedule, whether or not earlier ones have answered, and
 * each latency is measured from the moment its request was due, not from when it was sent. A
 * closed-loop driver would slow down with the server and hide queueing (coordinated omission). Half
 * the requests are the first timeline page of a random normal viewer, half a two-word search from
 * the data set's searches, BM25-ranked (the API's default), 20 hits a page: the page sizes of the
 * in-process benchmark ({@code FeedIndexLoad}) and of PostgreSQL's queries, so that the three
 * measure the same reads.
 *
 * <pre>
 * java -cp benchmarks.jar org.ipfeed.benchmarks.FeedHttpLoad URL DATASET_DIR RATE SECONDS
 * </pre>
 */
public final class FeedHttpLoad {

  private FeedHttpLoad() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    Path dataset = Path.of(args[1]);
    int rate = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    List<String> viewers =
        Files.readAllLines(dataset.resolve("viewers.tsv")).stream()
            .filter(l -> l.endsWith("\tnormal"))
            .map(l -> l.substring(0, l.indexOf('\t')))
            .toList();
    List<String> searches =
        Files.readAllLines(dataset.resolve("searches.tsv")).stream()
            .map(l -> l.replace('\t', ' '))
            .toList();
    List<String> paths = new ArrayList<>();
    for (int i = 0; paths.size() < 20_000; i++) {
      paths.add("/api/v1/timeline?viewer=" + viewers.get(i % viewers.size()));
      paths.add(
          "/api/v1/search?q="
              + URLEncoder.encode(searches.get(i % searches.size()), StandardCharsets.UTF_8)
              + "&limit=20");
    }
    // One client for the warm-up and the measurement: its connections stay open between them, so
    // the measurement does not begin with a storm of new connections that the server, near its
    // capacity, would take the whole run to work off.
    Vertx vertx = Vertx.vertx();
    HttpClient http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort())
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(256));
    // Warm-up at the same rate: the JIT and the page cache, not the measurement. After 10 s the C2
    // compiler still took half a core on this 2-core machine; after 30 s it is done.
    run(vertx, http, paths, rate, Math.min(30, seconds), false);
    run(vertx, http, paths, rate, seconds, true);
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static void run(
      Vertx vertx, HttpClient http, List<String> paths, int rate, int seconds, boolean report)
      throws InterruptedException {
    int total = rate * seconds;
    long[] timeline = new long[total];
    long[] search = new long[total];
    AtomicLong timelineCount = new AtomicLong();
    AtomicLong searchCount = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime();
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    long[] issued = {0};
    vertx.setPeriodic(
        1,
        id -> {
          long due = Math.min(total, (System.nanoTime() - start) / periodNanos + 1);
          while (issued[0] < due) {
            int i = (int) issued[0]++;
            long intended = start + i * periodNanos;
            String path = paths.get(i % paths.size());
            boolean isTimeline = path.startsWith("/api/v1/timeline");
            http.request(HttpMethod.GET, path)
                .compose(r -> r.send())
                .compose(
                    r -> {
                      // Read to the end without keeping the body: a driver that holds tens of
                      // kilobytes per request in flight pauses for its own garbage collection,
                      // and those pauses would be counted as the server's latency.
                      long[] bytes = {0};
                      r.handler(b -> bytes[0] += b.length());
                      return r.end()
                          .map(
                              v -> {
                                if (r.statusCode() != 200 || bytes[0] == 0) {
                                  throw new IllegalStateException(
                                      "status " + r.statusCode() + ", " + bytes[0] + " bytes");
                                }
                                return bytes[0];
                              });
                    })
                .onComplete(
                    ar -> {
                      long latency = System.nanoTime() - intended;
                      if (ar.failed()) {
                        errors.incrementAndGet();
                      } else if (isTimeline) {
                        timeline[(int) timelineCount.getAndIncrement()] = latency;
                      } else {
                        search[(int) searchCount.getAndIncrement()] = latency;
                      }
                      done.countDown();
                    });
          }
          if (issued[0] >= total) {
            vertx.cancelTimer(id);
          }
        });
    done.await(seconds + 120L, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (report) {
      System.out.printf(
          Locale.ROOT,
          "%d requests at %d/s offered over %d s (%.1f s to finish), %d errors%n%n",
          total,
          rate,
          seconds,
          elapsed,
          errors.get());
      System.out.println("| read | requests | p50 | p90 | p99 | p99.9 | max |");
      System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
      row("timeline page 1", timeline, (int) timelineCount.get());
      row("search, 2 words, BM25", search, (int) searchCount.get());
    }
  }

  private static void row(String name, long[] latencies, int n) {
    long[] l = Arrays.copyOf(latencies, n);
    Arrays.sort(l);
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n",
        name,
        n,
        at(l, 0.50),
        at(l, 0.90),
        at(l, 0.99),
        at(l, 0.999),
        l.length == 0 ? 0 : l[l.length - 1] / 1e6);
  }

  private static double at(long[] sorted, double q) {
    return sorted.length == 0
        ? 0
        : sorted[(int) Math.min(sorted.length - 1, q * sorted.length)] / 1e6;
  }
}
