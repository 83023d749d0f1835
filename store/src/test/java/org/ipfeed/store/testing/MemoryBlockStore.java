package org.ipfeed.store.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;
import org.ipfeed.store.BlockStore;
import org.ipfeed.store.CarExportRequest;
import org.ipfeed.store.CarExportResult;
import org.ipfeed.store.CarImportResult;
import org.ipfeed.store.car.CarExport;
import org.ipfeed.store.car.CarImport;

/**
 * A block store in a map, for unit tests of code that sits on top of stores. Counts its puts so
 * tests can see what reached it. Never used where a test proves a store feature.
 */
public final class MemoryBlockStore implements BlockStore {

  private final Vertx vertx;
  private final Map<Cid, Block> blocks = new ConcurrentHashMap<>();
  private final Set<Cid> pins = ConcurrentHashMap.newKeySet();
  private volatile int puts;

  public MemoryBlockStore(Vertx vertx) {
    this.vertx = vertx;
  }

  public int putCount() {
    return puts;
  }

  public int size() {
    return blocks.size();
  }

  @Override
  public Future<Void> put(Block block) {
    puts++;
    blocks.putIfAbsent(block.cid(), block);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> putPinned(Block block) {
    return put(block).compose(v -> pin(block.cid()));
  }

  @Override
  public Future<Block> get(Cid cid) {
    Block b = blocks.get(cid);
    return b != null
        ? Future.succeededFuture(b)
        : Future.failedFuture(new NotFoundException("block-not-found", "no block " + cid));
  }

  @Override
  public Future<Boolean> has(Cid cid) {
    return Future.succeededFuture(blocks.containsKey(cid));
  }

  @Override
  public Future<Integer> size(Cid cid) {
    return get(cid).map(Block::length);
  }

  @Override
  public Future<Void> delete(Cid cid) {
    if (pins.contains(cid)) {
      return Future.failedFuture(new ConflictException("pinned", cid + " is pinned"));
    }
    blocks.remove(cid);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> pin(Cid cid) {
    if (!blocks.containsKey(cid)) {
      return Future.failedFuture(new NotFoundException("block-not-found", "no block " + cid));
    }
    pins.add(cid);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> unpin(Cid cid) {
    pins.remove(cid);
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> isPinned(Cid cid) {
    return Future.succeededFuture(pins.contains(cid));
  }

  @Override
  public Future<List<Cid>> pins() {
    return Future.succeededFuture(new ArrayList<>(pins));
  }

  @Override
  public Future<CarExportResult> exportCar(CarExportRequest request, WriteStream<Buffer> out) {
    return CarExport.write(this, request, out);
  }

  @Override
  public Future<CarImportResult> importCar(ReadStream<Buffer> in, boolean pinRoots) {
    return CarImport.read(vertx, this, in, pinRoots);
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
