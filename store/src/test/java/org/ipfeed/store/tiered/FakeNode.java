package org.ipfeed.store.tiered;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;
import org.ipfeed.store.BlockStore;
import org.ipfeed.store.CarExportRequest;
import org.ipfeed.store.CarExportResult;
import org.ipfeed.store.CarImportResult;
import org.ipfeed.store.testing.MemoryBlockStore;

/**
 * An IPFS node for unit tests: a memory store that can be switched off (every call then fails with
 * {@code UpstreamException}, as the Kubo client reports an unreachable node), answers after a delay
 * when asked to, and counts what reached it.
 */
final class FakeNode implements BlockStore {

  private final Vertx vertx;
  private final MemoryBlockStore blocks;
  private final AtomicInteger puts = new AtomicInteger();
  private final AtomicInteger gets = new AtomicInteger();
  private final AtomicInteger unpins = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostRunning = new AtomicInteger();
  private final List<Cid> putOrder = new ArrayList<>();
  private volatile boolean down;
  private final java.util.Set<Cid> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile long delayMillis;

  FakeNode(Vertx vertx) {
    this.vertx = vertx;
    this.blocks = new MemoryBlockStore(vertx);
  }

  void down(boolean down) {
    this.down = down;
  }

  /** Answers every put of {@code cid} with a command error, as a node refusing that block would. */
  void refuse(Cid cid) {
    refused.add(cid);
  }

  void delay(long millis) {
    this.delayMillis = millis;
  }

  /** Successful puts, pinned or not. */
  int puts() {
    return puts.get();
  }

  int gets() {
    return gets.get();
  }

  int unpins() {
    return unpins.get();
  }

  /** The most calls that ever ran at once. */
  int mostRunning() {
    return mostRunning.get();
  }

  /** The CIDs of successful puts, in the order they started. */
  synchronized List<Cid> putOrder() {
    return List.copyOf(putOrder);
  }

  /** Puts directly, as if another program had added the block to the node. */
  void holds(Block block) {
    blocks.put(block);
  }

  boolean has(Block block) {
    return blocks.get(block.cid()).succeeded();
  }

  boolean pinned(Block block) {
    return blocks.isPinned(block.cid()).result();
  }

  private <T> Future<T> call(Cid cid, boolean isPut, java.util.function.Supplier<Future<T>> op) {
    if (down) {
      return Future.failedFuture(
          new UpstreamException(
              "ipfs-unreachable", "the fake node is down (asked for " + cid + ")"));
    }
    if (isPut && refused.contains(cid)) {
      return Future.failedFuture(
          new UpstreamException(
              org.ipfeed.store.kubo.KuboBlockStore.REFUSED,
              "the fake node refused block/put for " + cid));
    }
    int now = running.incrementAndGet();
    mostRunning.accumulateAndGet(now, Math::max);
    if (isPut) {
      synchronized (this) {
        putOrder.add(cid);
      }
    }
    Promise<T> done = Promise.promise();
    Runnable finish =
        () -> {
          running.decrementAndGet();
          op.get().onComplete(done);
        };
    if (delayMillis > 0) {
      vertx.setTimer(delayMillis, id -> finish.run());
    } else {
      finish.run();
    }
    return done.future();
  }

  @Override
  public Future<Void> put(Block block) {
    return call(block.cid(), true, () -> blocks.put(block).andThen(ar -> puts.incrementAndGet()));
  }

  @Override
  public Future<Void> putPinned(Block block) {
    return call(
        block.cid(), true, () -> blocks.putPinned(block).andThen(ar -> puts.incrementAndGet()));
  }

  @Override
  public Future<Block> get(Cid cid) {
    return call(cid, false, () -> blocks.get(cid).andThen(ar -> gets.incrementAndGet()));
  }

  @Override
  public Future<Boolean> has(Cid cid) {
    return call(cid, false, () -> blocks.has(cid));
  }

  @Override
  public Future<Integer> size(Cid cid) {
    return call(cid, false, () -> blocks.size(cid));
  }

  @Override
  public Future<Void> delete(Cid cid) {
    return call(cid, false, () -> blocks.delete(cid));
  }

  @Override
  public Future<Void> pin(Cid cid) {
    return call(cid, false, () -> blocks.pin(cid));
  }

  @Override
  public Future<Void> unpin(Cid cid) {
    return call(cid, false, () -> blocks.unpin(cid).andThen(ar -> unpins.incrementAndGet()));
  }

  @Override
  public Future<Boolean> isPinned(Cid cid) {
    return call(cid, false, () -> blocks.isPinned(cid));
  }

  @Override
  public Future<List<Cid>> pins() {
    return blocks.pins();
  }

  @Override
  public Future<CarExportResult> exportCar(CarExportRequest request, WriteStream<Buffer> out) {
    return blocks.exportCar(request, out);
  }

  @Override
  public Future<CarImportResult> importCar(ReadStream<Buffer> in, boolean pinRoots) {
    return blocks.importCar(in, pinRoots);
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
