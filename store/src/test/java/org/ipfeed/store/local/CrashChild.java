package org.ipfeed.store.local;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;

/**
 * The process {@link LocalStoreCrashTest} kills: it opens a store and changes it as fast as it can,
 * printing one line per acknowledged change, until it is killed.
 *
 * <p>Lines: {@code U cid} a put, {@code P cid} a pinned put, {@code D cid} a delete of an earlier
 * put, {@code N cid} an unpin of an earlier pinned put; {@code d cid} and {@code n cid} are printed
 * before a delete or an unpin is asked for, so the test knows which may have happened unannounced.
 * Each block is put once and changed at most once more, after its put was acknowledged, so the
 * lines of one CID are in the order the store applied them.
 *
 * <p>Arguments: data directory, seed.
 */
public final class CrashChild {

  private static final int IN_FLIGHT = 64;

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    Vertx vertx = Vertx.vertx();
    LocalStoreConfig config =
        LocalStoreConfig.defaults(dir).withSegmentBytes(256 * 1024).withMaxBacklogBytes(512 * 1024);
    LocalBlockStore store =
        LocalBlockStore.open(vertx, config).toCompletionStage().toCompletableFuture().get();
    OutputStream out = new FileOutputStream(FileDescriptor.out);
    say(out, "open");

    Random random = new Random(seed);
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    List<Cid> unpinned = new ArrayList<>();
    List<Cid> pinned = new ArrayList<>();
    while (true) {
      inFlight.acquire();
      Future<Void> change;
      String line;
      int dice = random.nextInt(20);
      synchronized (unpinned) {
        if (dice == 0 && !unpinned.isEmpty()) {
          Cid cid = unpinned.remove(random.nextInt(unpinned.size()));
          say(out, "d " + cid);
          change = store.delete(cid);
          line = "D " + cid;
        } else if (dice == 1 && !pinned.isEmpty()) {
          Cid cid = pinned.remove(random.nextInt(pinned.size()));
          say(out, "n " + cid);
          change = store.unpin(cid);
          line = "N " + cid;
        } else {
          // Mostly small blocks, now and then a large one that spans many pages.
          int size = dice == 2 ? 100_000 + random.nextInt(200_000) : 1 + random.nextInt(4096);
          byte[] bytes = new byte[size];
          random.nextBytes(bytes);
          Block block = Block.of(bytes, Multicodec.RAW);
          boolean pin = dice < 6;
          change = pin ? store.putPinned(block) : store.put(block);
          line = (pin ? "P " : "U ") + block.cid();
          change.onSuccess(
              v -> {
                synchronized (unpinned) {
                  (pin ? pinned : unpinned).add(block.cid());
                }
              });
        }
      }
      change.onComplete(
          ar -> {
            if (ar.succeeded()) {
              say(out, line);
            }
            inFlight.release();
          });
    }
  }

  /** One write per line: a pipe write this small is atomic, so a kill never splits a line. */
  private static void say(OutputStream out, String line) {
    try {
      out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
