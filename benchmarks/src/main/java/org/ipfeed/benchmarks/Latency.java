package org.ipfeed.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one operation many times on a few threads and prints throughput and latency percentiles.
 * Every call is timed on its own, so a p99 is the 99th percentile of single calls, not of batches.
 */
final class Latency {

  /** One call; {@code i} picks its input. */
  interface Op {
    void run(int i) throws Exception;
  }

  private Latency() {}

  /** Calls {@code op} for i = 0..count-1, split round-robin over {@code threads} threads. */
  static void measure(String name, int count, int threads, Op op) throws Exception {
    long[] nanos = new long[count];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = thread; i < count; i += threads) {
                    long q0 = System.nanoTime();
                    op.run(i);
                    nanos[i] = System.nanoTime() - q0;
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "%-48s %2d thr  n=%,d  %,7.0f/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms%n",
        name,
        threads,
        count,
        count / seconds,
        nanos[count / 2] / 1e6,
        nanos[count * 9 / 10] / 1e6,
        nanos[count * 99 / 100] / 1e6,
        nanos[count - 1] / 1e6);
  }
}
