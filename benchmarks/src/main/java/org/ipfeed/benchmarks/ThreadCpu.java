package org.ipfeed.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the CPU went during a measurement, by thread role: a coarse profile that needs no agent,
 * read from Linux's {@code /proc/self/task}. It sees every thread of the JVM, the garbage
 * collector's and the JIT compiler's too. Threads are grouped by their kernel name with digits
 * dropped ({@code vert.x-worker-t} for Vert.x workers: the kernel keeps 15 characters), so the
 * event loops, the workers, the store's journal writer and materializers, the index writer and
 * refresher, GC and JIT each show as one line. What threads that ended used (Lucene's merge threads
 * come and go) shows as the difference to the process total.
 */
final class ThreadCpu {

  private static final Path TASKS = Path.of("/proc/self/task");
  private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux we run on

  private final Map<String, String> names = new HashMap<>();
  private final Map<String, Long> before = ticksByTask();
  private final long processBefore = FeedIndexLoad.processCpuNanos();

  /** The CPU seconds each thread role used since this object was made, largest first. */
  String report() {
    if (before.isEmpty()) {
      return "  (no per-thread CPU: /proc/self/task is not readable here)\n";
    }
    Map<String, Long> after = ticksByTask();
    Map<String, Double> byRole = new HashMap<>();
    double sum = 0;
    for (Map.Entry<String, Long> t : after.entrySet()) {
      double used = (t.getValue() - before.getOrDefault(t.getKey(), 0L)) / TICKS_PER_SECOND;
      byRole.merge(names.get(t.getKey()).replaceAll("[0-9]+", "#"), used, Double::sum);
      sum += used;
    }
    double process = (FeedIndexLoad.processCpuNanos() - processBefore) / 1e9;
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "  process CPU %.1f s; by thread:%n", process));
    byRole.entrySet().stream()
        .filter(e -> e.getValue() > process / 200)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> out.append(line(e.getValue(), process, e.getKey())));
    out.append(line(process - sum, process, "(threads that ended, e.g. Lucene merges)"));
    return out.toString();
  }

  private static String line(double seconds, double process, String what) {
    return String.format(
        Locale.ROOT, "    %5.1f s  %4.1f %%  %s%n", seconds, 100 * seconds / process, what);
  }

  /** utime + stime of every live thread, in clock ticks, by task id. */
  private Map<String, Long> ticksByTask() {
    Map<String, Long> out = new HashMap<>();
    try (Stream<Path> tasks = Files.list(TASKS)) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          // The name is in parentheses and may hold spaces; the fields after it are fixed.
          int close = stat.lastIndexOf(')');
          String[] f = stat.substring(close + 2).split(" ");
          String id = task.getFileName().toString();
          out.put(id, Long.parseLong(f[11]) + Long.parseLong(f[12]));
          names.putIfAbsent(id, stat.substring(stat.indexOf('(') + 1, close));
        } catch (IOException ended) {
          // The thread ended between the listing and the read; its time shows in the remainder.
        }
      }
    } catch (IOException notLinux) {
      return Map.of();
    }
    return out;
  }
}
