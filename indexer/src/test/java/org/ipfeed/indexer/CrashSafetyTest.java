package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.Did;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM ({@link CrashChild}) applies batches with checkpoints and is killed with {@code
 * destroyForcibly} at random points. After each kill the index, reopened here, must hold for every
 * author exactly the entries up to its checkpoint: the reads equal a reference built from just
 * those entries. The next child resumes from the checkpoints; once one runs to the end, the index
 * equals the reference of everything.
 */
class CrashSafetyTest {

  static final long SEED = 7_331L;

  @TempDir Path tmp;

  @Test
  void afterAnyKillTheIndexHoldsExactlyWhatItsCheckpointsSay() throws Exception {
    FeedScenario scenario = new FeedScenario(SEED, 40, 5_000);
    List<List<SignedEntry>> batches = logPrefixBatches(scenario, new Random(SEED));
    Path batchFile = tmp.resolve("batches.bin");
    CrashChild.writeBatches(batchFile, batches);
    Path indexDir = tmp.resolve("index");
    Random random = new Random(SEED + 1);

    int kills = 0;
    int killAfter = 0;
    for (int round = 0; round < 4; round++) {
      // Each child gets further before it dies. Small commits for three rounds, so kills land
      // around commits; larger ones in the last.
      killAfter += 1 + random.nextInt(batches.size() / 5);
      boolean finished = runChild(indexDir, batchFile, round < 3 ? 50 : 400, killAfter, random);
      if (!finished) {
        kills++;
      }
      try (LuceneFeedIndex index = LuceneFeedIndex.open(indexDir, IndexConfig.defaults())) {
        Map<Did, Checkpoint> checkpoints = index.checkpoints();
        Set<SignedEntry> upTo = new LinkedHashSet<>();
        for (SignedEntry e : scenario.entries) {
          Checkpoint c = checkpoints.get(e.entry().author());
          if (c != null && e.entry().seq() <= c.seq()) {
            upTo.add(e);
          }
        }
        for (Checkpoint c : checkpoints.values()) {
          SignedEntry atHead =
              scenario.entries.stream()
                  .filter(e -> e.cid().equals(c.head()))
                  .findFirst()
                  .orElseThrow();
          assertThat(atHead.entry().seq()).isEqualTo(c.seq());
        }
        ReferenceFeed ref =
            new ReferenceFeed(upTo, List.of(), Set.of(), IndexConfig.DEFAULT_HIDING_LABELS);
        DifferentialTest.compare(index, ref, scenario, 5);
      }
    }
    assertThat(kills).as("the child was killed at least once").isPositive();

    assertThat(runChild(indexDir, batchFile, 400, Integer.MAX_VALUE, random)).isTrue();
    try (LuceneFeedIndex index = LuceneFeedIndex.open(indexDir, IndexConfig.defaults())) {
      ReferenceFeed all =
          new ReferenceFeed(
              scenario.entries, List.of(), Set.of(), IndexConfig.DEFAULT_HIDING_LABELS);
      DifferentialTest.compare(index, all, scenario, 1);
      Map<Did, Long> lastSeq = new HashMap<>();
      scenario.entries.forEach(e -> lastSeq.merge(e.entry().author(), e.entry().seq(), Math::max));
      assertThat(index.checkpoints()).hasSize(lastSeq.size());
      index.checkpoints().forEach((a, c) -> assertThat(c.seq()).isEqualTo(lastSeq.get(a)));
    }
  }

  /**
   * Runs the child until it has applied {@code killAfter} batches and a few milliseconds more, then
   * kills it; returns whether it finished on its own first.
   */
  private static boolean runChild(
      Path indexDir, Path batchFile, int commitEvery, int killAfter, Random random)
      throws IOException, InterruptedException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                classpath,
                CrashChild.class.getName(),
                indexDir.toString(),
                batchFile.toString(),
                Integer.toString(commitEvery))
            .redirectErrorStream(true);
    Process child = pb.start();
    boolean finished = false;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      List<String> tail = new ArrayList<>();
      while ((line = out.readLine()) != null) {
        tail.add(line);
        if (line.equals("done")) {
          finished = true;
          break;
        }
        if (line.equals("applied " + killAfter)) {
          Thread.sleep(random.nextInt(15));
          child.destroyForcibly();
          break;
        }
      }
      if (!finished && child.isAlive() && killAfter == Integer.MAX_VALUE) {
        throw new AssertionError("the child stopped early: " + tail);
      }
      if (!finished && killAfter == Integer.MAX_VALUE) {
        throw new AssertionError("the child failed: " + tail);
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    return finished;
  }

  /**
   * Batches as a gateway forms them: each takes the next stretch of a few authors' logs, in a
   * shuffled order, and checkpoints each author at the last entry it took.
   */
  static List<List<SignedEntry>> logPrefixBatches(FeedScenario scenario, Random random) {
    Map<Did, List<SignedEntry>> logs = new HashMap<>();
    for (SignedEntry e : scenario.entries) {
      logs.computeIfAbsent(e.entry().author(), a -> new ArrayList<>()).add(e);
    }
    Map<Did, Integer> next = new HashMap<>();
    List<Did> authors = new ArrayList<>(logs.keySet());
    authors.sort((a, b) -> a.toString().compareTo(b.toString()));
    List<List<SignedEntry>> batches = new ArrayList<>();
    while (true) {
      List<Did> open =
          authors.stream().filter(a -> next.getOrDefault(a, 0) < logs.get(a).size()).toList();
      if (open.isEmpty()) {
        return batches;
      }
      List<SignedEntry> batch = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Did a = open.get(random.nextInt(open.size()));
        int from = next.getOrDefault(a, 0);
        int to = Math.min(logs.get(a).size(), from + 1 + random.nextInt(25));
        batch.addAll(logs.get(a).subList(from, to));
        next.put(a, to);
      }
      Collections.shuffle(batch, random);
      batches.add(batch);
    }
  }
}
