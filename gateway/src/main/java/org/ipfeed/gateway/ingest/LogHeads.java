package org.ipfeed.gateway.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * Each author's head, in memory, saved to {@code heads.tsv} in the data directory now and then and
 * on close.
 *
 * <p>Heads are a cache, not the truth: the block store is. A head lost in a crash is at worst
 * behind, and a later entry still proves its place by its {@code prev} chain through the store (see
 * {@link Ingest}). What a stale head costs is fork detection for the entries it missed, which is
 * why it is saved every second rather than never.
 */
public final class LogHeads {

  public static final String FILE = "heads.tsv";

  private final Vertx vertx;
  private final Path file;
  private final Map<Did, Head> heads = new ConcurrentHashMap<>();
  private volatile boolean dirty;
  private final long timer;

  private LogHeads(Vertx vertx, Path file, long saveEveryMillis) {
    this.vertx = vertx;
    this.file = file;
    this.timer = vertx.setPeriodic(saveEveryMillis, id -> save());
  }

  /** Loads the saved heads of {@code dataDir} (on a worker) and starts saving them. */
  public static Future<LogHeads> open(Vertx vertx, Path dataDir) {
    return vertx.executeBlocking(
        () -> {
          Files.createDirectories(dataDir);
          LogHeads h = new LogHeads(vertx, dataDir.resolve(FILE), 1000);
          h.load();
          return h;
        });
  }

  public Optional<Head> get(Did author) {
    return Optional.ofNullable(heads.get(author));
  }

  /** Records {@code head} unless the author's known head is already as far. */
  public void advance(Did author, Head head) {
    heads.merge(author, head, (old, neu) -> neu.seq() > old.seq() ? neu : old);
    dirty = true;
  }

  /** Every head, as of now. */
  public Map<Did, Head> snapshot() {
    return Map.copyOf(heads);
  }

  public int size() {
    return heads.size();
  }

  private void load() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines) {
      String[] f = line.split("\t");
      if (f.length != 3) {
        continue; // a line cut by a crash during a save of an older format; the rest is whole
      }
      try {
        advance(Did.parse(f[0]), new Head(Long.parseLong(f[1]), Cid.parse(f[2])));
      } catch (RuntimeException e) {
        // One bad line must not cost the others; the store still proves every log.
      }
    }
    dirty = false;
  }

  /** Saves on a worker, atomically (temporary file, then rename). */
  Future<Void> save() {
    if (!dirty) {
      return Future.succeededFuture();
    }
    dirty = false;
    return vertx.executeBlocking(
        () -> {
          StringBuilder out = new StringBuilder();
          heads.forEach(
              (did, head) ->
                  out.append(did)
                      .append('\t')
                      .append(head.seq())
                      .append('\t')
                      .append(head.cid())
                      .append('\n'));
          Path tmp = file.resolveSibling(FILE + ".tmp");
          try {
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            Files.move(
                tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } catch (IOException e) {
            dirty = true;
            throw new UncheckedIOException(e);
          }
          return null;
        },
        true);
  }

  public Future<Void> close() {
    vertx.cancelTimer(timer);
    dirty = true;
    return save();
  }
}
