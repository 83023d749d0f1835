package org.ipfeed.benchmarks;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ipfeed.gateway.feed.IndexFeeder;
import org.ipfeed.gateway.ingest.Ingest;
import org.ipfeed.gateway.ingest.LogHeads;
import org.ipfeed.indexer.Checkpoint;
import org.ipfeed.indexer.IndexConfig;
import org.ipfeed.indexer.LuceneFeedIndex;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.store.local.LocalBlockStore;
import org.ipfeed.store.local.LocalStoreConfig;

/**
 * The ingest pipeline of a node without HTTP: the gateway's own {@link Ingest} (size, strict
 * decode, schema, signature, clock, log continuity, durable pinned put into the embedded store)
 * feeding the gateway's {@link IndexFeeder} and a {@link LuceneFeedIndex}, wired as {@code
 * Gateway.router} wires them, over a fresh data directory.
 *
 * <p>Measured twice per run from the same start: until every entry is acknowledged (durable in the
 * store's journal, head advanced) and until every author's index checkpoint has reached its last
 * entry (applied to the index writer, visible to reads at the next near-real-time refresh).
 */
final class IngestPipeline implements AutoCloseable {

  /** Ingest results: acknowledged, and acknowledged and indexed, from the same start. */
  record Result(LogDriver.Result acked, long indexedNanos, long backlogBytes, String cpu) {}

  final Path dir;
  final Vertx vertx =
      Vertx.vertx(
          new VertxOptions()
              .setWorkerPoolSize(
                  Integer.getInteger(
                      "ipfeed.bench.vertxWorkers", VertxOptions.DEFAULT_WORKER_POOL_SIZE)));
  final LocalBlockStore store;
  final LogHeads heads;
  final LuceneFeedIndex index;
  final IndexFeeder feeder;
  final Ingest ingest;

  IngestPipeline() throws IOException {
    dir = Files.createTempDirectory("ipfeed-ingest-pipeline-");
    store =
        IngestLoad.await(
            LocalBlockStore.open(vertx, LocalStoreConfig.defaults(dir.resolve("blocks"))));
    heads = IngestLoad.await(LogHeads.open(vertx, dir));
    index = LuceneFeedIndex.open(dir.resolve("index"), IndexConfig.defaults());
    feeder = new IndexFeeder(index, store);
    ingest =
        new Ingest(
            vertx,
            store,
            heads,
            Clock.systemUTC(),
            (entry, created, origin) -> feeder.offer(entry));
  }

  /**
   * Submits every log of {@code data} with {@code inFlight} outstanding, lanes on one event loop
   * per core, and waits for the index too.
   */
  Result run(IngestDataset data, int inFlight, int cores) throws InterruptedException {
    List<Context> loops = LogDriver.eventLoops(vertx, cores);
    ThreadCpu cpu = new ThreadCpu();
    long start = System.nanoTime();
    LogDriver.Result acked =
        LogDriver.run(
            loops,
            data.authors,
            data.perAuthor,
            inFlight,
            id -> ingest.submit(data.blocks[id]).map(IngestPipeline::requireCreated),
            IngestLoad.TIMEOUT_SECONDS);
    if (acked.failures() > 0) {
      throw new IllegalStateException(
          acked.failures() + " entries refused; the first", acked.firstFailure());
    }
    long backlog = store.backlogBytes();
    awaitIndexed(data);
    long indexed = System.nanoTime() - start;
    return new Result(acked, indexed, backlog, cpu.report());
  }

  /** An entry the node already held was not ingested: counting it would flatter the rate. */
  private static Ingest.Accepted requireCreated(Ingest.Accepted accepted) {
    if (!accepted.created()) {
      throw new IllegalStateException(accepted.entry() + " was already stored");
    }
    return accepted;
  }

  /** Polls the index's checkpoints (an in-memory map) until every author's is at its last seq. */
  private void awaitIndexed(IngestDataset data) throws InterruptedException {
    List<Did> waiting = new ArrayList<>();
    for (int a = 0; a < data.authors; a++) {
      waiting.add(data.entries[a * data.perAuthor].entry().author());
    }
    long deadline = System.nanoTime() + IngestLoad.TIMEOUT_SECONDS * 1_000_000_000L;
    while (!waiting.isEmpty()) {
      waiting.removeIf(
          author -> {
            Optional<Checkpoint> cp = index.checkpoint(author);
            return cp.isPresent() && cp.get().seq() >= data.perAuthor;
          });
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(waiting.size() + " authors not fully indexed in time");
      }
      if (!waiting.isEmpty()) {
        // Coarse on purpose: each poll costs the indexer CPU on a two-core machine.
        Thread.sleep(10);
      }
    }
  }

  /** Closes as Gateway.close does (heads, feeder, index), then the store and Vert.x. */
  @Override
  public void close() throws IOException {
    try {
      IngestLoad.await(heads.close());
      feeder.close();
      index.close();
      IngestLoad.await(store.close());
      IngestLoad.await(vertx.close());
    } finally {
      FeedIndexLoad.deleteAll(dir);
    }
  }
}
