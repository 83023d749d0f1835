package org.ipfeed.store.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;

/** Helpers for the local store tests: waiting on futures from the test thread, sample blocks. */
final class StoreTesting {

  private StoreTesting() {}

  /** The result of {@code future}, waited for on the (non-Vert.x) test thread. */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("gave up waiting", e);
    }
  }

  /** The failure of {@code future}, which must fail. */
  static Throwable failure(Future<?> future) {
    try {
      Object value = future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("gave up waiting", e);
    }
  }

  /** A raw block of {@code size} pseudo-random bytes, the same for the same seed. */
  static Block block(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return Block.of(bytes, Multicodec.RAW);
  }

  /** Small segments, so that tests cross segment boundaries. */
  static LocalStoreConfig smallConfig(Path dir) {
    return LocalStoreConfig.defaults(dir).withSegmentBytes(16 * 1024);
  }

  /** Every regular file under {@code dir}, relative, sorted. */
  static List<String> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file with its size: a fingerprint of the store's state on disk, journal included. */
  static List<String> fingerprint(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p) + " " + p.toFile().length())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The journal segment files. */
  static List<String> segments(Path dataDir) {
    return files(dataDir.resolve("journal"));
  }

  static void assertNoTempFiles(Path dataDir) {
    assertThat(files(dataDir.resolve("blocks").resolve(".temp"))).isEmpty();
    assertThat(dataDir.resolve(PinSnapshot.FILE + ".tmp")).doesNotExist();
  }
}
