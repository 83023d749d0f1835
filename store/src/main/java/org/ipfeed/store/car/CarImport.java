package org.ipfeed.store.car;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ipfeed.schema.car.CarBlock;
import org.ipfeed.schema.car.CarReader;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.TooLargeException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;
import org.ipfeed.store.BlockStore;
import org.ipfeed.store.CarImportResult;

/**
 * Imports a CAR into a store: spool, verify everything, then store; see the package documentation.
 */
public final class CarImport {

  /** Blocks read from the spooled file and stored per round trip to a worker thread. */
  static final int BATCH = 256;

  /** The largest CAR accepted: an account of a very busy author fits with room to spare. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;

  private final Vertx vertx;
  private final BlockStore store;
  private final long maxBytes;

  private CarImport(Vertx vertx, BlockStore store, long maxBytes) {
    this.vertx = vertx;
    this.store = store;
    this.maxBytes = maxBytes;
  }

  /**
   * Imports with the default size limit; see {@link #read(Vertx, BlockStore, ReadStream, boolean,
   * long)}.
   */
  public static Future<CarImportResult> read(
      Vertx vertx, BlockStore store, ReadStream<Buffer> in, boolean pinRoots) {
    return read(vertx, store, in, pinRoots, DEFAULT_MAX_BYTES);
  }

  /**
   * Reads a whole CAR from {@code in}, verifies it, and stores its blocks, pinning the roots when
   * asked. Fails with {@code TooLargeException} past {@code maxBytes}, {@code BadInputException}
   * for a malformed CAR or missing roots, {@code IntegrityException} for a block that does not
   * match its CID; in every such case the store is unchanged.
   */
  public static Future<CarImportResult> read(
      Vertx vertx, BlockStore store, ReadStream<Buffer> in, boolean pinRoots, long maxBytes) {
    return new CarImport(vertx, store, maxBytes).run(in, pinRoots);
  }

  private Future<CarImportResult> run(ReadStream<Buffer> in, boolean pinRoots) {
    return vertx
        .fileSystem()
        .createTempFile("ipfeed-import-", ".car")
        .compose(
            path ->
                spool(in, path)
                    .compose(v -> verify(path))
                    .compose(verified -> checkRoots(verified))
                    .compose(verified -> storeAll(path, verified))
                    .compose(result -> pinRoots ? pin(result) : Future.succeededFuture(result))
                    .andThen(ar -> vertx.fileSystem().delete(path)));
  }

  /** Copies the stream to a file, refusing more than {@code maxBytes}. */
  private Future<Void> spool(ReadStream<Buffer> in, String path) {
    return vertx
        .fileSystem()
        .open(path, new OpenOptions().setWrite(true).setTruncateExisting(true))
        .compose(
            file -> {
              Promise<Void> done = Promise.promise();
              long[] total = {0};
              in.exceptionHandler(done::tryFail);
              in.handler(
                  buffer -> {
                    total[0] += buffer.length();
                    if (total[0] > maxBytes) {
                      in.pause();
                      done.tryFail(
                          new TooLargeException(
                              "car-too-large", "the CAR exceeds " + maxBytes + " bytes", maxBytes));
                      return;
                    }
                    file.write(buffer);
                    if (file.writeQueueFull()) {
                      in.pause();
                      file.drainHandler(v -> in.resume());
                    }
                  });
              in.endHandler(v -> done.tryComplete());
              in.resume();
              return done.future().eventually(file::close);
            });
  }

  /** What the verifying pass learnt: the roots and every CID in the file. */
  private record Verified(List<Cid> roots, Set<Cid> cids, long bytes) {}

  private Future<Verified> verify(String path) {
    return vertx.executeBlocking(
        () -> {
          try (InputStream file = new BufferedInputStream(Files.newInputStream(Path.of(path)));
              CarReader car = CarReader.open(file)) {
            Set<Cid> cids = new HashSet<>();
            long bytes = 0;
            for (CarBlock block = car.next(); block != null; block = car.next()) {
              Block.verified(block.cid(), block.bytes()); // the store's size limit, too
              cids.add(block.cid());
              bytes += block.length();
            }
            return new Verified(car.roots(), cids, bytes);
          }
        },
        false);
  }

  /** Every root must be in the CAR or already in the store. */
  private Future<Verified> checkRoots(Verified verified) {
    List<Future<Boolean>> present = new ArrayList<>();
    for (Cid root : verified.roots()) {
      present.add(verified.cids().contains(root) ? Future.succeededFuture(true) : store.has(root));
    }
    return Future.all(present)
        .compose(
            all -> {
              List<Cid> missing = new ArrayList<>();
              for (int i = 0; i < present.size(); i++) {
                if (!present.get(i).result()) {
                  missing.add(verified.roots().get(i));
                }
              }
              if (!missing.isEmpty()) {
                return Future.failedFuture(
                    new BadInputException(
                        "car-missing-roots",
                        "the CAR's root"
                            + (missing.size() > 1 ? "s " : " ")
                            + missing
                            + (missing.size() > 1 ? " are" : " is")
                            + " neither in the CAR nor in the store"));
              }
              return Future.succeededFuture(verified);
            });
  }

  /** Second pass: read verified blocks in batches on a worker, store each batch, repeat. */
  private Future<CarImportResult> storeAll(String path, Verified verified) {
    return vertx
        .executeBlocking(
            () -> CarReader.open(new BufferedInputStream(Files.newInputStream(Path.of(path)))),
            false)
        .compose(
            car -> {
              Promise<CarImportResult> done = Promise.promise();
              new Batches(car, verified, done).next();
              return done.future()
                  .eventually(
                      () ->
                          vertx.executeBlocking(
                              () -> {
                                car.close();
                                return null;
                              },
                              false));
            });
  }

  /** The loop of the second pass; iterative so a long CAR does not deepen the stack. */
  private final class Batches {
    private final CarReader car;
    private final Verified verified;
    private final Promise<CarImportResult> done;
    private int blocks;
    private int stored;

    Batches(CarReader car, Verified verified, Promise<CarImportResult> done) {
      this.car = car;
      this.verified = verified;
      this.done = done;
    }

    void next() {
      vertx
          .executeBlocking(this::readBatch, false)
          .compose(this::storeBatch)
          .onComplete(
              ar -> {
                if (ar.failed()) {
                  done.tryFail(ar.cause());
                } else if (ar.result()) {
                  next();
                } else {
                  done.tryComplete(
                      new CarImportResult(verified.roots(), blocks, stored, verified.bytes()));
                }
              });
    }

    private List<Block> readBatch() {
      List<Block> batch = new ArrayList<>(BATCH);
      try {
        while (batch.size() < BATCH) {
          CarBlock b = car.next();
          if (b == null) {
            break;
          }
          batch.add(Block.verified(b.cid(), b.bytes()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return batch;
    }

    /** Stores the batch; completes with whether there may be more. */
    private Future<Boolean> storeBatch(List<Block> batch) {
      if (batch.isEmpty()) {
        return Future.succeededFuture(false);
      }
      List<Future<Void>> puts = new ArrayList<>(batch.size());
      for (Block block : batch) {
        puts.add(
            store
                .has(block.cid())
                .compose(
                    had -> {
                      if (had) {
                        return Future.succeededFuture();
                      }
                      stored++;
                      return store.put(block);
                    }));
      }
      blocks += batch.size();
      return Future.all(puts).map(v -> batch.size() == BATCH);
    }
  }

  private Future<CarImportResult> pin(CarImportResult result) {
    List<Future<Void>> pins = new ArrayList<>();
    for (Cid root : result.roots()) {
      pins.add(store.pin(root));
    }
    return Future.all(pins).map(result);
  }
}
