package org.ipfeed.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ipfeed.indexer.Checkpoint;
import org.ipfeed.indexer.IndexBatch;
import org.ipfeed.indexer.IndexConfig;
import org.ipfeed.indexer.LuceneFeedIndex;
import org.ipfeed.indexer.Page;
import org.ipfeed.indexer.PageRequest;
import org.ipfeed.indexer.PostView;
import org.ipfeed.indexer.SearchRequest;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.Did;

/**
 * The index at the size the targets name, on the data set shared/baselines.md gives PostgreSQL
 * ({@link FeedDataset}): 1,000,000 posts by 20,000 authors, 200 viewers following 500 authors each
 * and one quiet viewer following five of the least active.
 *
 * <p>Modes (the first argument):
 *
 * <ul>
 *   <li>{@code build}: signs the posts a chunk at a time (not timed) and times only {@code
 *       FeedIndex.apply} and the commits, then applies the follows. The index goes into a directory
 *       that later runs reuse.
 *   <li>{@code query}: opens that index and measures, at 1 and 8 threads: the first timeline page
 *       of normal viewers and of the quiet viewer, the second page through its cursor, and two-word
 *       searches newest first and by BM25; then the heap in use after a GC and the size on disk.
 *   <li>{@code all} (the default): {@code build} unless the directory holds a built index, then
 *       {@code query}.
 *   <li>{@code dump}: writes the same data set as tab-separated files for PostgreSQL's {@code
 *       COPY}; the format is on {@link FeedDatasetDump}.
 * </ul>
 *
 * <pre>
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar org.ipfeed.benchmarks.FeedIndexLoad all
 * </pre>
 *
 * Options (system properties): {@code ipfeed.bench.dir} (default {@code
 * $TMPDIR/ipfeed-bench/feed-index-<posts>}), {@code ipfeed.bench.dump} (default {@code
 * $TMPDIR/ipfeed-bench/dataset-<posts>}), {@code ipfeed.bench.posts} (1,000,000), {@code
 * ipfeed.bench.queries} (2,000 calls per measurement).
 */
public final class FeedIndexLoad {

  static final int POSTS = Integer.getInteger("ipfeed.bench.posts", 1_000_000);
  static final int QUERIES = Integer.getInteger("ipfeed.bench.queries", 2_000);
  static final int CHUNK = 50_000;
  static final int BATCH = 10_000;

  private FeedIndexLoad() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "all";
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "ipfeed-bench");
    Path dir =
        Path.of(
            System.getProperty("ipfeed.bench.dir", tmp.resolve("feed-index-" + POSTS).toString()));
    Path marker = dir.resolve("BUILT");
    switch (mode) {
      case "dump" -> {
        Path out =
            Path.of(
                System.getProperty(
                    "ipfeed.bench.dump", tmp.resolve("dataset-" + POSTS).toString()));
        FeedDatasetDump.dump(new FeedDataset(POSTS), out, CHUNK);
      }
      case "build" -> build(dir, marker);
      case "query" -> query(dir);
      case "ensure" -> ensure(dir, marker);
      case "all" -> {
        ensure(dir, marker);
        query(dir);
      }
      default ->
          throw new IllegalArgumentException(
              "mode must be build, ensure, query, all or dump, not " + mode);
    }
  }

  // ---- build ----

  /** Builds the index unless one of the current format is already there. */
  static void ensure(Path dir, Path marker) throws IOException {
    if (Files.exists(marker) && Files.readString(marker).contains(formatLine())) {
      System.out.println("reusing the index in " + dir + ": " + Files.readString(marker).trim());
    } else {
      build(dir, marker);
    }
  }

  /** In the marker: an index of an older format cannot be opened, so it is built again. */
  private static String formatLine() {
    return "format=" + LuceneFeedIndex.FORMAT;
  }

  static void build(Path dir, Path marker) throws IOException {
    deleteAll(dir);
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    FeedDataset data = new FeedDataset(POSTS);
    System.out.printf(Locale.ROOT, "keys and times: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    long applyNanos = 0;
    long applyCpuNanos = 0;
    long signNanos = 0;
    try (LuceneFeedIndex index = LuceneFeedIndex.open(dir, IndexConfig.defaults())) {
      for (int from = 0; from < POSTS; from += CHUNK) {
        int to = Math.min(POSTS, from + CHUNK);
        long s0 = System.nanoTime();
        List<SignedEntry> chunk = data.chunk(from, to);
        signNanos += System.nanoTime() - s0;
        for (int b = 0; b < chunk.size(); b += BATCH) {
          List<SignedEntry> batch = chunk.subList(b, Math.min(chunk.size(), b + BATCH));
          IndexBatch ib = IndexBatch.of(batch, checkpoints(batch));
          long a0 = System.nanoTime();
          long c0 = processCpuNanos();
          index.apply(ib);
          applyNanos += System.nanoTime() - a0;
          applyCpuNanos += processCpuNanos() - c0;
        }
        if (to % (5 * CHUNK) == 0 || to == POSTS) {
          System.out.printf(
              Locale.ROOT,
              "%,d posts: apply %.1f s (%,.0f posts/s), process CPU while applying %.1f s,"
                  + " signing so far %.1f s%n",
              to,
              applyNanos / 1e9,
              to / (applyNanos / 1e9),
              applyCpuNanos / 1e9,
              signNanos / 1e9);
        }
      }
      long c0 = System.nanoTime();
      index.commit();
      long commitNanos = System.nanoTime() - c0;
      long f0 = System.nanoTime();
      List<SignedEntry> follows = data.follows();
      index.apply(IndexBatch.of(follows, checkpoints(follows)));
      index.commit();
      long followNanos = System.nanoTime() - f0;
      System.out.printf(
          Locale.ROOT,
          "BUILD posts=%,d apply=%.1f s final-commit=%.1f s rate=%,.0f posts/s "
              + "(apply+commit); follows=%,d in %.1f s (signing included); "
              + "signing posts (not timed) %.1f s%n",
          POSTS,
          applyNanos / 1e9,
          commitNanos / 1e9,
          POSTS / ((applyNanos + commitNanos) / 1e9),
          follows.size(),
          followNanos / 1e9,
          signNanos / 1e9);
    }
    Files.writeString(
        marker,
        String.format(
            Locale.ROOT,
            "posts=%d authors=%d viewers=%d follows=%d %s%n",
            POSTS,
            FeedDataset.AUTHORS,
            FeedDataset.VIEWERS,
            FeedDataset.FOLLOWS,
            formatLine()));
  }

  static void deleteAll(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }

  /** CPU time of the whole process: indexing, refreshes and merges, on every core. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static List<Checkpoint> checkpoints(List<SignedEntry> batch) {
    Map<Did, Checkpoint> last = new HashMap<>();
    for (SignedEntry e : batch) {
      Checkpoint c = last.get(e.entry().author());
      if (c == null || e.entry().seq() > c.seq()) {
        last.put(e.entry().author(), new Checkpoint(e.entry().author(), e.cid(), e.entry().seq()));
      }
    }
    return List.copyOf(last.values());
  }

  // ---- query ----

  static void query(Path dir) throws Exception {
    Did[] viewers = FeedDataset.viewerDids();
    int normal = FeedDataset.VIEWERS;
    Did quiet = viewers[normal];
    long o0 = System.nanoTime();
    try (LuceneFeedIndex index = LuceneFeedIndex.open(dir, IndexConfig.defaults())) {
      System.out.printf(Locale.ROOT, "open: %.2f s%n", (System.nanoTime() - o0) / 1e9);
      PageRequest first = PageRequest.first(50);
      Latency.Op timeline = i -> index.homeTimeline(viewers[i % normal], first);
      Latency.measure("warm-up timeline", QUERIES, 1, timeline);

      String[] cursors = new String[normal];
      for (int v = 0; v < normal; v++) {
        Page<PostView> p = index.homeTimeline(viewers[v], first);
        cursors[v] = p.next().orElseThrow();
        if (v == 0) {
          System.out.printf(
              Locale.ROOT,
              "viewer 0 follows %d authors; first page %d posts, newest %s%n",
              index.following(viewers[0]).size(),
              p.items().size(),
              p.items().get(0).createdAt());
        }
      }
      Page<PostView> q = index.homeTimeline(quiet, first);
      System.out.printf(
          Locale.ROOT,
          "quiet viewer: first page %d posts, oldest %s%n",
          q.items().size(),
          q.items().isEmpty() ? "-" : q.items().get(q.items().size() - 1).createdAt());
      Latency.Op second =
          i -> index.homeTimeline(viewers[i % normal], first.after(cursors[i % normal]));
      Latency.Op quietFirst = i -> index.homeTimeline(quiet, first);
      for (int threads : new int[] {1, 8}) {
        Latency.measure("timeline page 1", QUERIES, threads, timeline);
        Latency.measure("timeline page 2 (cursor)", QUERIES, threads, second);
        Latency.measure("timeline page 1, quiet viewer", QUERIES, threads, quietFirst);
      }

      List<String[]> pairs = FeedDataset.searches();
      PageRequest twenty = PageRequest.first(20);
      Latency.Op newest = i -> index.search(search(pairs, i, SearchRequest.Order.NEWEST, twenty));
      Latency.Op ranked =
          i -> index.search(search(pairs, i, SearchRequest.Order.RELEVANCE, twenty));
      Latency.measure("warm-up search", QUERIES, 1, newest);
      for (int threads : new int[] {1, 8}) {
        Latency.measure("search 2 words, newest first", QUERIES, threads, newest);
        Latency.measure("search 2 words, BM25", QUERIES, threads, ranked);
      }
      printHeap();
    }
    printSize(dir);
  }

  private static SearchRequest search(
      List<String[]> pairs, int i, SearchRequest.Order order, PageRequest page) {
    String[] pair = pairs.get(i % pairs.size());
    return new SearchRequest(pair[0] + " " + pair[1], order, Optional.empty(), page);
  }

  private static void printHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "HEAP used after GC with the index open: %,d MB (max %,d MB)%n",
        (rt.totalMemory() - rt.freeMemory()) >> 20,
        rt.maxMemory() >> 20);
  }

  private static void printSize(Path dir) throws IOException {
    long bytes = 0;
    int files = 0;
    try (Stream<Path> all = Files.list(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        bytes += Files.size(p);
        files++;
      }
    }
    System.out.printf(Locale.ROOT, "SIZE on disk: %,d MB in %d files%n", bytes >> 20, files);
  }
}
