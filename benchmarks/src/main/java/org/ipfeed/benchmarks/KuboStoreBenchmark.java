package org.ipfeed.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.ipfeed.store.kubo.KuboBlockStore;
import org.ipfeed.store.kubo.KuboStoreConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code KuboBlockStore} put and get of 1 KiB raw blocks against a real IPFS node, with a fixed
 * number of requests in flight ({@code inFlight}); the baseline is what the node does for a bare
 * RPC client (js-ipfs 0.66.1 on 2 cores: 130–160 puts/s one at a time, 280–300 at 8, about 1,500
 * block/get per second).
 *
 * <p>The node's API URL comes from the system property {@code ipfeed.ipfs.api} or the environment
 * variable {@code IPFEED_IPFS_API} (JMH's forked JVM sees the environment):
 *
 * <pre>
 * tools/js-ipfs/ipfs-node.sh install
 * tools/js-ipfs/ipfs-node.sh start /tmp/bench-node 45001 45002 45003
 * IPFEED_IPFS_API=http://127.0.0.1:45001 benchmarks/run-jmh.sh KuboStore
 * tools/js-ipfs/ipfs-node.sh stop /tmp/bench-node
 * </pre>
 *
 * <p>Every put stores a new block (a random run prefix and a counter), since a node answers a put
 * of a block it has without writing. Each measured invocation is a batch of {@value #BATCH} calls,
 * and the score is calls per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
@State(Scope.Benchmark)
public class KuboStoreBenchmark {

  static final int BATCH = 64;
  private static final int BLOCK_BYTES = 1024;
  private static final int GET_BLOCKS = 512;

  @Param({"1", "8"})
  public int inFlight;

  private Vertx vertx;
  private KuboBlockStore store;
  private long runId;
  private long counter;
  private final List<Cid> stored = new ArrayList<>();
  private int nextGet;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String api = System.getProperty("ipfeed.ipfs.api", System.getenv("IPFEED_IPFS_API"));
    if (api == null || api.isBlank()) {
      throw new IllegalStateException(
          "set -Dipfeed.ipfs.api or IPFEED_IPFS_API to the node's API URL");
    }
    vertx = Vertx.vertx();
    store =
        KuboBlockStore.create(
            vertx,
            KuboStoreConfig.of(api.strip())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30))
                .withMaxConnections(Math.max(8, inFlight)));
    runId = new SecureRandom().nextLong();
    for (int i = 0; i < GET_BLOCKS; i++) {
      Block block = nextBlock();
      await(store.put(block));
      stored.add(block.cid());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    await(store.close());
    await(vertx.close());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void put() throws Exception {
    window(i -> store.put(nextBlock()));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void get() throws Exception {
    window(i -> store.get(stored.get(nextGet++ % GET_BLOCKS)));
  }

  /** A unique block: run prefix and counter, the rest zero. */
  private Block nextBlock() {
    ByteBuffer bytes = ByteBuffer.allocate(BLOCK_BYTES);
    bytes.putLong(runId).putLong(counter++);
    return Block.of(bytes.array(), Multicodec.RAW);
  }

  /**
   * Runs {@value #BATCH} calls with at most {@code inFlight} outstanding: each completion starts
   * the next, from the event loop that saw the completion. Calls are issued under this object's
   * lock, since the block counter and the get cursor are plain fields.
   */
  private void window(IntFunction<Future<?>> call) throws Exception {
    CompletableFuture<Void> all = new CompletableFuture<>();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    synchronized (this) {
      List<Future<?>> first = new ArrayList<>();
      for (int i = 0; i < Math.min(inFlight, BATCH); i++) {
        first.add(call.apply(started.getAndIncrement()));
      }
      for (Future<?> f : first) {
        chain(f, call, started, finished, all);
      }
    }
    all.get(120, TimeUnit.SECONDS);
  }

  private void chain(
      Future<?> f,
      IntFunction<Future<?>> call,
      AtomicInteger started,
      AtomicInteger finished,
      CompletableFuture<Void> all) {
    f.onComplete(
        done -> {
          if (done.failed()) {
            all.completeExceptionally(done.cause());
            return;
          }
          if (finished.incrementAndGet() == BATCH) {
            all.complete(null);
            return;
          }
          int next = started.getAndIncrement();
          if (next < BATCH) {
            synchronized (this) {
              chain(call.apply(next), call, started, finished, all);
            }
          }
        });
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
