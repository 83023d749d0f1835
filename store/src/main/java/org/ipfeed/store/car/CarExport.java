package org.ipfeed.store.car;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ipfeed.schema.car.CarWriter;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;
import org.ipfeed.store.BlockStore;
import org.ipfeed.store.CarExportRequest;
import org.ipfeed.store.CarExportResult;

/** Streams the DAG under some roots out of a store as a CARv1; see the package documentation. */
public final class CarExport {

  private final BlockStore store;
  private final CarExportRequest request;
  private final WriteStream<Buffer> out;
  private final Promise<CarExportResult> result = Promise.promise();
  private final Deque<Step> stack = new ArrayDeque<>();
  private final Set<Cid> seen = new HashSet<>();
  private int blocks;
  private long bytes;
  private int skipped;
  private boolean truncated;

  private record Step(Cid cid, int depth) {}

  private CarExport(BlockStore store, CarExportRequest request, WriteStream<Buffer> out) {
    this.store = store;
    this.request = request;
    this.out = out;
  }

  /**
   * Writes the CAR to {@code out} (without ending it). Fails with {@code NotFoundException} on a
   * missing block when the request says {@code FAIL}; bytes already written stay written, so an
   * HTTP caller should treat a failed future as a broken response.
   */
  public static Future<CarExportResult> write(
      BlockStore store, CarExportRequest request, WriteStream<Buffer> out) {
    return new CarExport(store, request, out).start();
  }

  private Future<CarExportResult> start() {
    List<Cid> roots = request.roots();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.push(new Step(roots.get(i), 0));
    }
    byte[] header = CarWriter.encodeHeader(roots);
    bytes += header.length;
    out.write(Buffer.buffer(header)).onComplete(ar -> resume(ar.cause()));
    return result.future();
  }

  /** Runs steps until one has to wait; called again when it is done. */
  private void resume(Throwable failure) {
    if (failure != null) {
      result.tryFail(failure);
      return;
    }
    while (true) {
      Step step = nextUnseen();
      if (step == null) {
        result.tryComplete(new CarExportResult(blocks, bytes, skipped, truncated));
        return;
      }
      if (blocks >= request.maxBlocks()) {
        truncated = true;
        result.tryComplete(new CarExportResult(blocks, bytes, skipped, truncated));
        return;
      }
      Future<Void> done = visit(step);
      if (!done.isComplete()) {
        done.onComplete(ar -> resume(ar.cause()));
        return;
      }
      if (done.failed()) {
        result.tryFail(done.cause());
        return;
      }
    }
  }

  private Step nextUnseen() {
    while (!stack.isEmpty()) {
      Step step = stack.pop();
      if (seen.add(step.cid())) {
        return step;
      }
    }
    return null;
  }

  private Future<Void> visit(Step step) {
    return store
        .get(step.cid())
        .compose(
            block -> {
              pushChildren(block, step.depth());
              byte[] section = CarWriter.encodeSection(block.cid(), block.bytes());
              blocks++;
              bytes += section.length;
              return out.write(Buffer.buffer(section));
            },
            failure -> {
              if (failure instanceof NotFoundException
                  && request.missing() == CarExportRequest.Missing.SKIP) {
                skipped++;
                return Future.succeededFuture();
              }
              return Future.failedFuture(failure);
            });
  }

  private void pushChildren(Block block, int depth) {
    List<Cid> links = Links.of(block);
    if (links.isEmpty()) {
      return;
    }
    if (depth >= request.maxDepth()) {
      truncated = true;
      return;
    }
    for (int i = links.size() - 1; i >= 0; i--) {
      if (!seen.contains(links.get(i))) {
        stack.push(new Step(links.get(i), depth + 1));
      }
    }
  }
}
