package org.ipfeed.store.local;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ipfeed.schema.multiformats.Multihash;

/**
 * Makes flatfs durable, so that the journal segments holding the same blocks may go.
 *
 * <p>The materializer writes block files without fsync: with one fsync per 1 KiB file a disk
 * journal commit dominates and the store tops out at a few thousand files per second. Instead, when
 * segments retire, everything written since the previous retirement is made durable at once: by one
 * {@code syncfs(2)} of the whole file system ({@link WholeFileSystem}, one flush however many
 * files) or, where that is not available, by an fsync of every touched file and directory ({@link
 * EachFile}).
 */
abstract sealed class FlatfsSync permits FlatfsSync.WholeFileSystem, FlatfsSync.EachFile {

  /** Makes every change under flatfs so far durable; {@code touched} names the changed blocks. */
  abstract void sync(Collection<Multihash> touched) throws IOException;

  /** Whether {@link #sync} needs the touched blocks; if not, callers need not record them. */
  abstract boolean needsTouched();

  /**
   * The strategy for {@code mode}. {@code AUTO} and {@code FILESYSTEM} try {@code sync -f} once
   * right here; {@code AUTO} falls back to per-file fsync when it fails, {@code FILESYSTEM} refuses
   * to open.
   */
  static FlatfsSync choose(LocalStoreConfig.FlatfsSync mode, FlatFs flatfs) throws IOException {
    if (mode == LocalStoreConfig.FlatfsSync.FILES) {
      return new EachFile(flatfs);
    }
    Optional<Path> command = WholeFileSystem.findCommand();
    if (command.isPresent()) {
      WholeFileSystem candidate = new WholeFileSystem(command.get(), flatfs.root());
      try {
        candidate.sync(List.of());
        return candidate;
      } catch (IOException e) {
        if (mode == LocalStoreConfig.FlatfsSync.FILESYSTEM) {
          throw e;
        }
      }
    } else if (mode == LocalStoreConfig.FlatfsSync.FILESYSTEM) {
      throw new IOException("flatfsSync FILESYSTEM needs a 'sync' command with -f (coreutils)");
    }
    return new EachFile(flatfs);
  }

  static void fsyncFile(Path file) throws IOException {
    IoGuard.offEventLoop();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** An fsync of a directory, which is what makes a create, rename or unlink in it durable. */
  static void fsyncDirectory(Path dir) throws IOException {
    IoGuard.offEventLoop();
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * {@code syncfs(2)} through coreutils' {@code sync -f}, the one way to reach it from Java without
   * native code. It flushes every dirty page and inode of the file system and commits its journal,
   * then reports write-back errors (Linux 5.8 and later). Spawning the process costs about a
   * millisecond, paid once per retirement, not per block.
   */
  static final class WholeFileSystem extends FlatfsSync {
    private static final List<Path> CANDIDATES =
        List.of(Path.of("/usr/bin/sync"), Path.of("/bin/sync"));

    private final Path command;
    private final Path target;

    WholeFileSystem(Path command, Path target) {
      this.command = command;
      this.target = target;
    }

    static Optional<Path> findCommand() {
      if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
        return Optional.empty();
      }
      return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    @Override
    void sync(Collection<Multihash> touched) throws IOException {
      IoGuard.offEventLoop();
      Process process =
          new ProcessBuilder(command.toString(), "-f", target.toString())
              .redirectErrorStream(true)
              .start();
      byte[] output = process.getInputStream().readAllBytes();
      int exit;
      try {
        exit = process.waitFor();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while syncing " + target);
      }
      if (exit != 0) {
        throw new IOException(
            command
                + " -f "
                + target
                + " failed with exit code "
                + exit
                + ": "
                + new String(output, StandardCharsets.UTF_8).trim());
      }
    }

    @Override
    boolean needsTouched() {
      return false;
    }

    @Override
    public String toString() {
      return "syncfs via " + command + " -f";
    }
  }

  /**
   * An fsync of each touched block file, then of each touched shard directory and the root. The
   * file fsyncs run on several threads at once: the file system folds concurrent fsyncs into shared
   * journal commits, about twice the rate of one thread on the disks we measured.
   */
  static final class EachFile extends FlatfsSync {
    private static final int THREADS = 8;

    private final FlatFs flatfs;
    private final ThreadPoolExecutor pool;

    EachFile(FlatFs flatfs) {
      this.flatfs = flatfs;
      AtomicInteger count = new AtomicInteger();
      this.pool =
          new ThreadPoolExecutor(
              THREADS,
              THREADS,
              10,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              task -> {
                Thread thread = new Thread(task, "ipfeed-local-fsync-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      // Idle between retirements, so no thread outlives its usefulness (or its store).
      pool.allowCoreThreadTimeOut(true);
    }

    @Override
    void sync(Collection<Multihash> touched) throws IOException {
      List<Multihash> all = List.copyOf(touched);
      List<Future<Void>> parts = new ArrayList<>();
      int chunk = Math.max(1, (all.size() + THREADS - 1) / THREADS);
      for (int from = 0; from < all.size(); from += chunk) {
        List<Multihash> part = all.subList(from, Math.min(all.size(), from + chunk));
        parts.add(pool.submit(() -> fsyncFiles(part)));
      }
      for (Future<Void> part : parts) {
        try {
          part.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while syncing flatfs");
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IOException("syncing flatfs failed", e.getCause());
        }
      }
      Set<Path> dirs = new LinkedHashSet<>();
      for (Multihash multihash : all) {
        dirs.add(flatfs.dir(multihash));
      }
      for (Path dir : dirs) {
        if (Files.isDirectory(dir)) {
          fsyncDirectory(dir);
        }
      }
      // A shard directory created since the last sync is an entry in the root.
      fsyncDirectory(flatfs.root());
    }

    private Void fsyncFiles(List<Multihash> part) throws IOException {
      for (Multihash multihash : part) {
        try {
          fsyncFile(flatfs.file(multihash));
        } catch (NoSuchFileException deleted) {
          // removed since: its directory's fsync makes the removal durable instead
        }
      }
      return null;
    }

    @Override
    boolean needsTouched() {
      return true;
    }

    @Override
    public String toString() {
      return "fsync per file";
    }
  }
}
