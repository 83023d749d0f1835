package org.ipfeed.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.ipfeed.store.local.LocalBlockStore;
import org.ipfeed.store.local.LocalStoreConfig;
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
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The embedded store with 1 KiB blocks, durability on (every put acknowledged only after its
 * journal fsync): targets are 20,000 puts and 20,000 gets per second each.
 *
 * <p>One invocation issues {@value #BATCH} operations at once and waits for all of them, as a busy
 * gateway has many requests in flight; scores are per operation. Each put is of a new block, hashed
 * in the loop as a caller would.
 *
 * <ul>
 *   <li>{@code putBurst}: short iterations that start with an empty backlog, so they measure the
 *       journal (group commit), the materializer catching up behind it.
 *   <li>{@code putSustained}: long iterations with no pause between them, so the backlog is full
 *       and puts go as fast as flatfs absorbs blocks and segments retire; once with one syncfs per
 *       retirement and once with an fsync per file.
 *   <li>{@code get}: random reads of blocks already in flatfs (the page cache is warm: the store
 *       re-verifies every block, the disk is not what is measured).
 * </ul>
 *
 * <p>The data directory is a fresh temporary directory per trial, under {@code java.io.tmpdir}
 * unless {@code -Dipfeed.bench.dir=...} says where; it is deleted afterwards.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class LocalStoreBenchmark {

  private static final int BATCH = 1000;
  private static final int BLOCK_BYTES = 1024;
  private static final int STORED_BLOCKS = 100_000;

  /** A store in a temporary directory, and fresh 1 KiB blocks for it. */
  static final class Harness {
    private final Vertx vertx = Vertx.vertx();
    private final Path dir;
    private final LocalBlockStore store;
    private final byte[] bytes = new byte[BLOCK_BYTES];
    private long next;

    Harness(String name, LocalStoreConfig.FlatfsSync sync) {
      try {
        Path parent =
            Path.of(System.getProperty("ipfeed.bench.dir", System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(parent, "ipfeed-" + name + "-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      store =
          join(LocalBlockStore.open(vertx, LocalStoreConfig.defaults(dir).withFlatfsSync(sync)));
      new Random(42).nextBytes(bytes);
    }

    /** A block never stored before: the counter makes the bytes unique. */
    Block freshBlock() {
      long n = next++;
      for (int i = 0; i < 8; i++) {
        bytes[i] = (byte) (n >>> (8 * i));
      }
      return Block.of(bytes, Multicodec.RAW);
    }

    void putBatch() {
      inFlight(i -> store.put(freshBlock()));
    }

    /** Issues {@link #BATCH} operations, then waits for every one; fails if any failed. */
    void inFlight(Function<Integer, Future<?>> operation) {
      CountDownLatch done = new CountDownLatch(BATCH);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      for (int i = 0; i < BATCH; i++) {
        operation
            .apply(i)
            .onComplete(
                ar -> {
                  if (ar.failed()) {
                    failure.compareAndSet(null, ar.cause());
                  }
                  done.countDown();
                });
      }
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (failure.get() != null) {
        throw new IllegalStateException("an operation failed", failure.get());
      }
    }

    void checkpoint() {
      join(store.checkpoint());
    }

    void close() {
      join(store.close());
      join(vertx.close());
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static <T> T join(Future<T> future) {
      try {
        return future.toCompletionStage().toCompletableFuture().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  @State(Scope.Benchmark)
  public static class Burst {
    Harness harness;

    @Setup(Level.Trial)
    public void open() {
      harness = new Harness("burst", LocalStoreConfig.FlatfsSync.AUTO);
    }

    /** Every iteration starts with the backlog empty and the journal retired. */
    @Setup(Level.Iteration)
    public void drain() {
      harness.checkpoint();
    }

    @TearDown(Level.Trial)
    public void close() {
      harness.close();
    }
  }

  @State(Scope.Benchmark)
  public static class Sustained {
    @Param({"FILESYSTEM", "FILES"})
    public String flatfsSync;

    Harness harness;

    @Setup(Level.Trial)
    public void open() {
      harness = new Harness("sustained", LocalStoreConfig.FlatfsSync.valueOf(flatfsSync));
    }

    @TearDown(Level.Trial)
    public void close() {
      harness.close();
    }
  }

  @State(Scope.Benchmark)
  public static class Stored {
    Harness harness;
    Cid[] cids;
    private final Random random = new Random(7);

    @Setup(Level.Trial)
    public void open() {
      harness = new Harness("get", LocalStoreConfig.FlatfsSync.AUTO);
      cids = new Cid[STORED_BLOCKS];
      for (int k = 0; k < STORED_BLOCKS; k += BATCH) {
        int base = k;
        harness.inFlight(
            i -> {
              Block block = harness.freshBlock();
              cids[base + i] = block.cid();
              return harness.store.put(block);
            });
      }
      // Everything in flatfs: the reads below go to files, not to the in-memory backlog.
      harness.checkpoint();
    }

    Cid randomCid() {
      return cids[random.nextInt(cids.length)];
    }

    @TearDown(Level.Trial)
    public void close() {
      harness.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public void putBurst(Burst state) {
    state.harness.putBatch();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Warmup(iterations = 1, time = 20)
  @Measurement(iterations = 3, time = 20)
  // JMH's timeout covers the last iteration and the trial's teardown together, and the teardown
  // deletes about a million block files: with the default 10 minutes JMH once interrupted it.
  @Timeout(time = 30, timeUnit = TimeUnit.MINUTES)
  public void putSustained(Sustained state) {
    state.harness.putBatch();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  public void get(Stored state) {
    state.harness.inFlight(i -> state.harness.store.get(state.randomCid()));
  }
}
