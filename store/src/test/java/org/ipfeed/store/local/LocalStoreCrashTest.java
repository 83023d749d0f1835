package org.ipfeed.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipfeed.store.local.StoreTesting.assertNoTempFiles;
import static org.ipfeed.store.local.StoreTesting.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multihash;
import org.ipfeed.store.Block;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process killed (SIGKILL) in the middle of its puts, at a different moment each run, twice in a
 * row: the second life recovers what the first left and may itself die during that recovery.
 * Whatever was acknowledged must be there, whole, with its pin; nothing partial may be visible.
 */
@ExtendWith(VertxExtension.class)
class LocalStoreCrashTest {

  @TempDir Path dir;
  private Path data;

  @BeforeEach
  void setUp() {
    data = dir.resolve("data");
  }

  /** What the child's acknowledgements promise about one block. */
  private static final class Promised {
    boolean present;
    boolean pinned;
    boolean uncertainPresence;
    boolean uncertainPin;
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 23, 37, 41})
  void everyAcknowledgedChangeSurvivesAKill(long seed, Vertx vertx) throws Exception {
    Random random = new Random(seed);
    Map<Cid, Promised> promised = new HashMap<>();
    long acknowledged = 0;
    for (int life = 0; life < 2; life++) {
      // A file rather than a pipe: every line the child wrote before it died can be read after.
      Path output = dir.resolve("life-" + life + ".out");
      Process child = startChild(seed * 10 + life, output);
      if (life == 0) {
        awaitFirstAck(child, output);
        Thread.sleep(100 + random.nextInt(1100));
      } else {
        // Often still starting or recovering when it dies.
        Thread.sleep(random.nextInt(2500));
      }
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      acknowledged += apply(Files.readAllLines(output, StandardCharsets.US_ASCII), promised);
      System.err.println(
          "life " + life + " acks so far " + acknowledged + " blocks " + promised.size());
    }
    assertThat(acknowledged).isPositive();

    LocalBlockStore store = await(LocalBlockStore.open(vertx, LocalStoreConfig.defaults(data)));
    try {
      assertNoTempFiles(data);
      for (Map.Entry<Cid, Promised> entry : promised.entrySet()) {
        Cid cid = entry.getKey();
        Promised p = entry.getValue();
        if (!p.uncertainPresence) {
          if (p.present) {
            assertThat(await(store.get(cid)).cid()).isEqualTo(cid);
          } else {
            assertThat(await(store.has(cid))).as("deleted %s", cid).isFalse();
          }
        }
        if (!p.uncertainPin && p.present) {
          assertThat(await(store.isPinned(cid))).as("pin of %s", cid).isEqualTo(p.pinned);
        }
      }
    } finally {
      await(store.close());
    }
    assertEveryFileIsWhole(data);
  }

  private Process startChild(long seed, Path output) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            CrashChild.class.getName(),
            data.toString(),
            Long.toString(seed))
        .redirectOutput(output.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static void awaitFirstAck(Process child, Path output) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.readAllLines(output, StandardCharsets.US_ASCII).stream()
          .anyMatch(line -> line.startsWith("U ") || line.startsWith("P "))) {
        return;
      }
      assertThat(child.isAlive()).as("the child is running").isTrue();
      Thread.sleep(20);
    }
    throw new AssertionError("the child acknowledged nothing within a minute");
  }

  /** Folds one life's lines into the promises; answers how many acknowledgements there were. */
  private static long apply(List<String> lines, Map<Cid, Promised> promised) {
    long acks = 0;
    for (String line : lines) {
      Optional<Cid> parsed = line.length() > 2 ? Cid.tryParse(line.substring(2)) : Optional.empty();
      if (parsed.isEmpty()) {
        continue;
      }
      Promised p = promised.computeIfAbsent(parsed.get(), c -> new Promised());
      switch (line.charAt(0)) {
        case 'U' -> {
          p.present = true;
          acks++;
        }
        case 'P' -> {
          p.present = true;
          p.pinned = true;
          acks++;
        }
        case 'd' -> p.uncertainPresence = true;
        case 'D' -> {
          p.present = false;
          p.uncertainPresence = false;
          acks++;
        }
        case 'n' -> p.uncertainPin = true;
        case 'N' -> {
          p.pinned = false;
          p.uncertainPin = false;
          acks++;
        }
        default -> {}
      }
    }
    return acks;
  }

  /** Every block file in flatfs holds exactly the bytes of the multihash it is named after. */
  private static void assertEveryFileIsWhole(Path dir) throws IOException {
    FlatFs flatfs = new FlatFs(dir.resolve("blocks"));
    long files = 0;
    for (Path shard : flatfs.shards()) {
      List<Multihash> found = new ArrayList<>();
      flatfs.forEachBlockIn(shard, (multihash, size) -> found.add(multihash));
      for (Multihash multihash : found) {
        byte[] bytes = Files.readAllBytes(flatfs.file(multihash));
        assertThat(bytes.length).isLessThanOrEqualTo(Block.MAX_BYTES);
        assertThat(multihash.matches(bytes)).as("%s is whole", flatfs.file(multihash)).isTrue();
        files++;
      }
    }
    assertThat(files).isPositive();
  }
}
