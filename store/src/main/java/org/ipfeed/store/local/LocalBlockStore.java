package org.ipfeed.store.local;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multihash;
import org.ipfeed.store.Block;
import org.ipfeed.store.BlockStore;
import org.ipfeed.store.CarExportRequest;
import org.ipfeed.store.CarExportResult;
import org.ipfeed.store.CarImportResult;
import org.ipfeed.store.car.CarExport;
import org.ipfeed.store.car.CarImport;

/**
 * The embedded block store: a write-ahead journal for durability, Kubo's flatfs layout for the
 * blocks, a pin snapshot for the pins. See the package documentation for how the parts fit and
 * docs/local-store.md for the on-disk formats.
 *
 * <p>Open with {@link #open}; every method then returns at once. Reads of blocks still in memory
 * answer on the caller's thread; everything that touches the disk runs on the worker pool {@value
 * LocalStoreConfig#WORKER_POOL_NAME} or on the store's own threads, never on an event loop.
 */
public final class LocalBlockStore implements BlockStore {

  /** How many GC candidates one sweep takes to the writer: bounds the pause it causes to puts. */
  private static final int SWEEP_CHUNK = 256;

  private final Vertx vertx;
  private final LocalStoreConfig config;
  private final Context context;
  private final WorkerExecutor executor;
  private final RecoveryReport report;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final FlatFs flatfs;
  private final ConcurrentHashMap<Multihash, Pending> recent = new ConcurrentHashMap<>();
  private final Striped locks = new Striped();
  private final Set<Cid> pins = ConcurrentHashMap.newKeySet();
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong journalBytes = new AtomicLong();
  private final Health health = new Health();
  private final Writer writer;
  private final Materializer materializer;
  private final Checkpointer checkpointer;

  private final Object lifecycle = new Object();
  private boolean closed; // guarded by lifecycle
  private Future<Void> closing; // guarded by lifecycle
  private Future<GcResult> lastGc = Future.succeededFuture(GcResult.NONE); // guarded by lifecycle

  private LocalBlockStore(
      Vertx vertx,
      LocalStoreConfig config,
      Context context,
      WorkerExecutor executor,
      Recovery.Recovered recovered) {
    this.vertx = vertx;
    this.config = config;
    this.context = context;
    this.executor = executor;
    this.report = recovered.report();
    this.lockChannel = recovered.lockChannel();
    this.lock = recovered.lock();
    this.flatfs = recovered.flatfs();
    this.pins.addAll(recovered.pins());
    Segment first = recovered.first();
    journalBytes.set(first.size());
    this.checkpointer =
        new Checkpointer(
            config.dataDir(), recovered.sync(), pins, health, journalBytes, first.id() - 1);
    this.materializer =
        new Materializer(
            config.materializerThreads(),
            flatfs,
            recent,
            this.locks,
            backlog,
            health,
            checkpointer);
    this.writer =
        new Writer(
            config,
            flatfs,
            recent,
            recovered.pins(),
            pins,
            this.locks,
            backlog,
            journalBytes,
            health,
            recovered.sync().needsTouched(),
            materializer,
            checkpointer,
            first);
    materializer.onRoomFreed(writer::roomFreed);
    checkpointer.onJournalShrank(writer::journalShrank);
    checkpointer.start();
    materializer.start();
    writer.start();
  }

  /**
   * Opens (creating if needed) the store in {@code config.dataDir()}, recovering from the journal
   * on the worker pool first.
   *
   * <p>Fails with {@code ConflictException} {@code store-in-use} when another store holds the
   * directory, {@code unsupported-layout} when its flatfs is sharded differently, and {@code
   * IntegrityException} {@code pins-corrupt} when the pin snapshot is damaged.
   */
  public static Future<LocalBlockStore> open(Vertx vertx, LocalStoreConfig config) {
    Objects.requireNonNull(config, "config");
    Context context = vertx.getOrCreateContext();
    WorkerExecutor executor =
        vertx.createSharedWorkerExecutor(
            LocalStoreConfig.WORKER_POOL_NAME, config.workerPoolSize());
    return executor
        .executeBlocking(() -> Recovery.run(config), false)
        .map(recovered -> new LocalBlockStore(vertx, config, context, executor, recovered))
        .onFailure(e -> executor.close());
  }

  /** What opening found and repaired. */
  public RecoveryReport recovery() {
    return report;
  }

  /** The data directory. */
  public Path dataDir() {
    return config.dataDir();
  }

  /** Bytes of acknowledged blocks not yet written to flatfs (held in memory meanwhile). */
  public long backlogBytes() {
    return backlog.get();
  }

  /** Bytes in journal segments not yet retired, the open one included. */
  public long journalBytes() {
    return journalBytes.get();
  }

  @Override
  public Future<Void> put(Block block) {
    Objects.requireNonNull(block, "block");
    return submit(new WriteOp.Put(callerContext(), block, false));
  }

  @Override
  public Future<Void> putPinned(Block block) {
    Objects.requireNonNull(block, "block");
    return submit(new WriteOp.Put(callerContext(), block, true));
  }

  @Override
  public Future<Block> get(Cid cid) {
    return read(cid, () -> executor.executeBlocking(() -> readVerified(cid), false), p -> p);
  }

  @Override
  public Future<Boolean> has(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    Future<Void> open = checkOpen();
    if (open.failed()) {
      return open.map(false);
    }
    Multihash multihash = cid.multihash();
    if (!multihash.isSupported()) {
      return Future.succeededFuture(false);
    }
    if (recent.containsKey(multihash)) {
      return Future.succeededFuture(true);
    }
    return executor.executeBlocking(
        () -> recent.containsKey(multihash) || flatfs.exists(multihash), false);
  }

  /** The verified length: a truncated file is reported, not measured. */
  @Override
  public Future<Integer> size(Cid cid) {
    return read(
        cid,
        () -> executor.executeBlocking(() -> readVerified(cid).length(), false),
        Block::length);
  }

  @Override
  public Future<Void> delete(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    return submit(new WriteOp.Delete(callerContext(), cid));
  }

  @Override
  public Future<Void> pin(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    if (!cid.multihash().isSupported()) {
      return Future.failedFuture(unsupported(cid));
    }
    return submit(new WriteOp.Pin(callerContext(), cid));
  }

  @Override
  public Future<Void> unpin(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    return submit(new WriteOp.Unpin(callerContext(), cid));
  }

  @Override
  public Future<Boolean> isPinned(Cid cid) {
    Objects.requireNonNull(cid, "cid");
    return checkOpen().map(v -> pins.contains(cid));
  }

  /** Every pinned CID, in binary order. */
  @Override
  public Future<List<Cid>> pins() {
    return checkOpen()
        .map(
            v -> {
              List<Cid> list = new ArrayList<>(pins);
              Collections.sort(list);
              return List.copyOf(list);
            });
  }

  @Override
  public Future<CarExportResult> exportCar(CarExportRequest request, WriteStream<Buffer> out) {
    return CarExport.write(this, request, out);
  }

  @Override
  public Future<CarImportResult> importCar(ReadStream<Buffer> in, boolean pinRoots) {
    return CarImport.read(vertx, this, in, pinRoots);
  }

  /**
   * Completes once everything acknowledged before the call is in flatfs, durably, and the journal
   * segments that held it are deleted. Puts go on meanwhile.
   */
  public Future<Void> checkpoint() {
    WriteOp.Rotate rotate = new WriteOp.Rotate(callerContext());
    return submit(rotate).compose(id -> checkpointer.awaitRetired(id, rotate.context));
  }

  /**
   * Removes every block that is not pinned.
   *
   * <p>A block put or pinned while the collection runs is kept, so an acknowledged put is never
   * undone by a collection that overlaps it, even when the put found the block already there. How:
   * the writer marks the start, every earlier put is first made durable in flatfs (a checkpoint),
   * then the block files are listed shard by shard and each listed block is removed by the writer
   * itself, unless it is pinned or was put or pinned since the start. Collections run one at a
   * time; a second call starts when the first ends.
   */
  public Future<GcResult> gc() {
    synchronized (lifecycle) {
      Future<GcResult> next = lastGc.transform(previous -> collect());
      lastGc = next;
      return next;
    }
  }

  private Future<GcResult> collect() {
    Context caller = callerContext();
    return submit(new WriteOp.GcBegin(caller))
        .compose(
            segmentId ->
                checkpointer
                    .awaitRetired(segmentId, caller)
                    .compose(v -> executor.executeBlocking(this::shards, false))
                    .compose(shards -> sweepShards(shards, 0, GcResult.NONE, caller))
                    .eventually(() -> submit(new WriteOp.GcEnd(caller))));
  }

  private List<Path> shards() throws IOException {
    return flatfs.shards();
  }

  private Future<GcResult> sweepShards(
      List<Path> shards, int index, GcResult sofar, Context caller) {
    if (index == shards.size()) {
      return Future.succeededFuture(sofar);
    }
    return executor
        .executeBlocking(() -> candidates(shards.get(index)), false)
        .compose(candidates -> sweepChunks(candidates, 0, sofar, caller))
        .compose(total -> sweepShards(shards, index + 1, total, caller));
  }

  private List<WriteOp.GcCandidate> candidates(Path shard) throws IOException {
    List<WriteOp.GcCandidate> candidates = new ArrayList<>();
    flatfs.forEachBlockIn(
        shard, (multihash, size) -> candidates.add(new WriteOp.GcCandidate(multihash, size)));
    return candidates;
  }

  private Future<GcResult> sweepChunks(
      List<WriteOp.GcCandidate> candidates, int from, GcResult sofar, Context caller) {
    if (from >= candidates.size()) {
      return Future.succeededFuture(sofar);
    }
    int to = Math.min(from + SWEEP_CHUNK, candidates.size());
    return submit(new WriteOp.GcSweep(caller, List.copyOf(candidates.subList(from, to))))
        .compose(result -> sweepChunks(candidates, to, sofar.plus(result), caller));
  }

  /**
   * Stops taking work, finishes what was acknowledged (into flatfs, durably; the journal ends
   * empty), stops the threads and releases the directory. If the store had failed, the threads are
   * stopped and the directory released all the same, the journal is left for the next open to
   * replay, and the returned future fails with the original cause.
   */
  @Override
  public Future<Void> close() {
    WriteOp.Stop stop;
    synchronized (lifecycle) {
      if (closing != null) {
        return closing;
      }
      closed = true;
      stop = new WriteOp.Stop(callerContext());
      writer.submit(stop);
      Context caller = stop.context;
      closing =
          stop.future()
              .compose(
                  lastId ->
                      health.failed()
                          ? Future.<Void>succeededFuture()
                          : checkpointer.awaitRetired(lastId, caller))
              .transform(
                  drained ->
                      executor
                          .executeBlocking(this::shutDown, false)
                          .compose(
                              v ->
                                  health.failed()
                                      ? Future.<Void>failedFuture(
                                          health.failedException(config.dataDir()))
                                      : drained.succeeded()
                                          ? Future.<Void>succeededFuture()
                                          : Future.<Void>failedFuture(drained.cause())))
              .eventually(executor::close);
      return closing;
    }
  }

  private Void shutDown() throws IOException, InterruptedException {
    writer.join();
    materializer.stop();
    materializer.join();
    checkpointer.stop();
    checkpointer.join();
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
    return null;
  }

  /** See {@link Materializer#hold}; for tests. */
  AutoCloseable holdMaterializer() {
    return materializer.hold();
  }

  private <T> Future<T> submit(WriteOp<T> op) {
    synchronized (lifecycle) {
      Future<Void> open = checkOpen();
      if (open.failed()) {
        return Future.failedFuture(open.cause());
      }
      writer.submit(op);
    }
    return op.future();
  }

  private Future<Void> checkOpen() {
    if (health.failed()) {
      return Future.failedFuture(health.failedException(config.dataDir()));
    }
    synchronized (lifecycle) {
      if (closed) {
        return Future.failedFuture(
            new IllegalStateException(
                "the local block store in " + config.dataDir() + " is closed"));
      }
    }
    return Future.succeededFuture();
  }

  /** Where to answer: the caller's context, or the store's own for callers outside Vert.x. */
  private Context callerContext() {
    Context current = Vertx.currentContext();
    return current != null ? current : context;
  }

  /** The common path of get and size: memory first, then the disk on the worker pool. */
  private <T> Future<T> read(Cid cid, Supplier<Future<T>> fromDisk, Function<Block, T> fromMemory) {
    Objects.requireNonNull(cid, "cid");
    Future<Void> open = checkOpen();
    if (open.failed()) {
      return Future.failedFuture(open.cause());
    }
    if (!cid.multihash().isSupported()) {
      return Future.failedFuture(unsupported(cid));
    }
    Pending pending = recent.get(cid.multihash());
    if (pending != null) {
      return Future.succeededFuture(fromMemory.apply(asRequested(cid, pending.block())));
    }
    return fromDisk.get();
  }

  /**
   * Bytes from flatfs, checked against the CID asked for.
   *
   * @throws NotFoundException {@code block-not-found}
   * @throws IntegrityException {@code block-corrupt} naming the CID and the file
   */
  // package-private: a seam for the test of a read that meets a file being written
  Block readVerified(Cid cid) throws IOException {
    Multihash multihash = cid.multihash();
    byte[] bytes;
    try {
      bytes = flatfs.read(multihash);
    } catch (NoSuchFileException e) {
      // A put published after our first look is served, not reported missing.
      Pending pending = recent.get(multihash);
      if (pending != null) {
        return asRequested(cid, pending.block());
      }
      throw new NotFoundException("block-not-found", "this store has no block " + cid);
    }
    try {
      return Block.verified(cid, bytes);
    } catch (IntegrityException | BadInputException first) {
      return reReadVerified(cid, first);
    }
  }

  /**
   * A second look after a file failed its check. The materializer writes a new file in place under
   * the block's stripe lock while the block is still in memory, so a read that missed memory just
   * before a put was published can catch the file half-written: memory, or the file read again
   * under that lock, then holds the whole block. Only a file that fails again is damaged.
   */
  private Block reReadVerified(Cid cid, RuntimeException first) throws IOException {
    Multihash multihash = cid.multihash();
    Pending pending = recent.get(multihash);
    if (pending != null) {
      return asRequested(cid, pending.block());
    }
    byte[] bytes;
    synchronized (locks.of(multihash)) {
      try {
        bytes = flatfs.read(multihash);
      } catch (NoSuchFileException e) {
        throw new NotFoundException("block-not-found", "this store has no block " + cid);
      }
    }
    try {
      return Block.verified(cid, bytes);
    } catch (IntegrityException | BadInputException e) {
      e.addSuppressed(first);
      throw new IntegrityException(
          "block-corrupt",
          "block "
              + cid
              + " is damaged on disk: "
              + flatfs.file(multihash)
              + " does not hash to it ("
              + bytes.length
              + " bytes)",
          e);
    }
  }

  /**
   * The block under the CID that was asked for. One multihash names one file, so a block stored as
   * dag-cbor answers a raw CID of the same hash too; its bytes are checked against that CID.
   */
  private static Block asRequested(Cid cid, Block block) {
    return block.cid().equals(cid) ? block : Block.verified(cid, block.bytes());
  }

  private static BadInputException unsupported(Cid cid) {
    return new BadInputException(
        "unsupported-hash",
        "this store cannot verify "
            + cid
            + ": hash function "
            + cid.multihash().function().name()
            + " is not supported");
  }
}
