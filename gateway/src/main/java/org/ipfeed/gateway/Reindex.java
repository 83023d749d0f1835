package org.ipfeed.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ipfeed.gateway.feed.IndexFeeder;
import org.ipfeed.gateway.ingest.Head;
import org.ipfeed.gateway.ingest.LogHeads;
import org.ipfeed.indexer.Checkpoint;
import org.ipfeed.indexer.FeedIndex;
import org.ipfeed.indexer.IndexConfig;
import org.ipfeed.indexer.LuceneFeedIndex;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;
import org.ipfeed.store.BlockStore;

/**
 * {@code ipfeed reindex}: throws the index away and builds it again from the block store, the truth
 * it is derived from. Blocking; run it with the node stopped (the store's lock says so).
 *
 * <p>Every accepted entry is pinned, so the pins name every log: the scan reads each pinned block,
 * keeps the newest entry of each author as the head, and then the index feeder walks each log back
 * from its head, as it does at start-up. The heads file is rewritten from the same scan, so a lost
 * or damaged {@code heads.tsv} is repaired too. Pinned blocks that are not entries (embedded
 * images, say) are skipped.
 */
public final class Reindex {

  /** Where a run is: scanning pins, then indexing entries; {@code done} of {@code total}. */
  public record Progress(String phase, long done, long total) {}

  /** What a run rebuilt. */
  public record Result(int authors, long entries, int blocksSkipped) {}

  private static final int IN_FLIGHT = 64;
  private static final Duration WAIT = Duration.ofMinutes(5);

  private Reindex() {}

  public static Result run(Vertx vertx, BlockStore store, Path dataDir, Consumer<Progress> progress)
      throws IOException, InterruptedException {
    Map<Did, Head> heads = new HashMap<>();
    int skipped = scan(store, heads, progress);
    long total = heads.values().stream().mapToLong(Head::seq).sum();

    Path indexDir = dataDir.resolve(Gateway.INDEX_DIR);
    Gateway.deleteTree(indexDir);
    try (FeedIndex index = LuceneFeedIndex.open(indexDir, IndexConfig.defaults())) {
      IndexFeeder feeder = new IndexFeeder(index, store);
      feeder.catchUp(heads);
      long done = 0;
      while (done < total) {
        Thread.sleep(200);
        done = index.checkpoints().values().stream().mapToLong(Checkpoint::seq).sum();
        progress.accept(new Progress("indexing", done, total));
        if (feeder.failed() != null) {
          throw new IllegalStateException("indexing failed: " + feeder.failed().getMessage());
        }
      }
      feeder.close();
      index.commit();
    }
    Files.deleteIfExists(dataDir.resolve(LogHeads.FILE));
    LogHeads saved = Blocking.await(LogHeads.open(vertx, dataDir), WAIT);
    heads.forEach(saved::advance);
    Blocking.await(saved.close(), WAIT);
    return new Result(heads.size(), total, skipped);
  }

  /** Reads every pinned block, keeping each author's newest entry; answers the blocks skipped. */
  private static int scan(BlockStore store, Map<Did, Head> heads, Consumer<Progress> progress) {
    List<Cid> pins = Blocking.await(store.pins(), WAIT);
    int skipped = 0;
    for (int from = 0; from < pins.size(); from += IN_FLIGHT) {
      List<Future<Block>> reads = new ArrayList<>();
      for (Cid cid : pins.subList(from, Math.min(pins.size(), from + IN_FLIGHT))) {
        reads.add(store.get(cid));
      }
      for (Future<Block> read : reads) {
        Block block = Blocking.await(read, WAIT);
        SignedEntry entry;
        try {
          entry = SignedEntry.decode(block.bytes());
        } catch (RuntimeException notAnEntry) {
          skipped++;
          continue;
        }
        heads.merge(
            entry.entry().author(),
            new Head(entry.entry().seq(), entry.cid()),
            (a, b) -> b.seq() > a.seq() ? b : a);
      }
      progress.accept(
          new Progress("scanning", Math.min(pins.size(), from + IN_FLIGHT), pins.size()));
    }
    return skipped;
  }
}
