package org.ipfeed.store.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link LocalBlockStore} runs. Start from {@link #defaults(Path)} and change what you need
 * with the {@code with...} methods; every value is checked here, so a store never starts with a
 * nonsensical setting.
 *
 * @param dataDir the store's directory (created if missing); it must sit on one file system,
 *     because blocks move into place by rename. No default.
 * @param workerPoolSize threads of the named worker pool {@value #WORKER_POOL_NAME} that serve
 *     reads, recovery and garbage collection. Default {@value #DEFAULT_WORKER_POOL_SIZE}. The pool
 *     is shared by every store of one Vert.x instance; the first store to create it sets its size.
 * @param segmentBytes a journal segment is closed and a new one started once it holds this many
 *     bytes; closed segments are deleted once their blocks are durable in flatfs. Bounds the work
 *     of a recovery. Default 64 MiB.
 * @param maxBatchBytes the most record bytes one group commit writes before its fsync; larger
 *     batches only add latency. Default 4 MiB (a single larger block still goes through alone).
 * @param maxBacklogBytes block bytes acknowledged (or being acknowledged) but not yet written to
 *     flatfs, held in memory meanwhile. Once it is full, puts wait until the materializer has
 *     drained an eighth of it. Default 64 MiB.
 * @param maxJournalBytes bytes in journal segments not yet retired. Past it puts wait for the
 *     checkpointer; it bounds disk use and recovery time when flatfs cannot be made durable as fast
 *     as it is written (with {@link FlatfsSync#FILES} on a slow disk). At least twice {@code
 *     segmentBytes}. Default 1 GiB.
 * @param backlogTimeout how long a put may wait for room (backlog or journal) before it fails with
 *     {@code OverloadedException} ({@code backlog-full}). Default 10 s.
 * @param materializerThreads threads writing acknowledged blocks into flatfs. Default {@value
 *     #DEFAULT_MATERIALIZER_THREADS}.
 * @param flatfsSync how flatfs files are made durable before the journal that holds them is
 *     dropped. Default {@link FlatfsSync#AUTO}.
 */
public record LocalStoreConfig(
    Path dataDir,
    int workerPoolSize,
    long segmentBytes,
    int maxBatchBytes,
    long maxBacklogBytes,
    long maxJournalBytes,
    Duration backlogTimeout,
    int materializerThreads,
    FlatfsSync flatfsSync) {

  /** The name of the worker pool that runs the store's blocking reads. */
  public static final String WORKER_POOL_NAME = "ipfeed-local-store";

  public static final int DEFAULT_WORKER_POOL_SIZE = 4;
  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
  public static final int DEFAULT_MAX_BATCH_BYTES = 4 << 20;
  public static final long DEFAULT_MAX_BACKLOG_BYTES = 64L << 20;
  public static final long DEFAULT_MAX_JOURNAL_BYTES = 1L << 30;
  public static final Duration DEFAULT_BACKLOG_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MATERIALIZER_THREADS = 2;

  /** The smallest segment we accept; smaller only multiplies files and fsyncs. */
  static final long MIN_SEGMENT_BYTES = 4096;

  /** How flatfs files become durable; see the package documentation. */
  public enum FlatfsSync {
    /** {@link #FILESYSTEM} where it works (probed at open), {@link #FILES} elsewhere. */
    AUTO,
    /**
     * One {@code syncfs(2)} of the file system holding the blocks (run as {@code sync -f}) per
     * batch of retired segments: one flush for thousands of files.
     */
    FILESYSTEM,
    /** An fsync of every file written or removed, then of their shard directories. */
    FILES
  }

  public LocalStoreConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(backlogTimeout, "backlogTimeout");
    Objects.requireNonNull(flatfsSync, "flatfsSync");
    dataDir = dataDir.toAbsolutePath().normalize();
    requirePositive("workerPoolSize", workerPoolSize);
    requirePositive("materializerThreads", materializerThreads);
    requirePositive("maxBatchBytes", maxBatchBytes);
    requirePositive("maxBacklogBytes", maxBacklogBytes);
    if (segmentBytes < MIN_SEGMENT_BYTES) {
      throw new IllegalArgumentException(
          "segmentBytes must be at least " + MIN_SEGMENT_BYTES + ", got " + segmentBytes);
    }
    if (maxJournalBytes < 2 * segmentBytes) {
      throw new IllegalArgumentException(
          "maxJournalBytes must be at least twice segmentBytes ("
              + segmentBytes
              + "), got "
              + maxJournalBytes);
    }
    if (backlogTimeout.isNegative() || backlogTimeout.isZero()) {
      throw new IllegalArgumentException("backlogTimeout must be positive, got " + backlogTimeout);
    }
  }

  /** Every default, in {@code dataDir}. */
  public static LocalStoreConfig defaults(Path dataDir) {
    return new LocalStoreConfig(
        dataDir,
        DEFAULT_WORKER_POOL_SIZE,
        DEFAULT_SEGMENT_BYTES,
        DEFAULT_MAX_BATCH_BYTES,
        DEFAULT_MAX_BACKLOG_BYTES,
        DEFAULT_MAX_JOURNAL_BYTES,
        DEFAULT_BACKLOG_TIMEOUT,
        DEFAULT_MATERIALIZER_THREADS,
        FlatfsSync.AUTO);
  }

  public LocalStoreConfig withWorkerPoolSize(int value) {
    return new LocalStoreConfig(
        dataDir,
        value,
        segmentBytes,
        maxBatchBytes,
        maxBacklogBytes,
        maxJournalBytes,
        backlogTimeout,
        materializerThreads,
        flatfsSync);
  }

  public LocalStoreConfig withSegmentBytes(long value) {
    return new LocalStoreConfig(
        dataDir,
        workerPoolSize,
        value,
        maxBatchBytes,
        maxBacklogBytes,
        maxJournalBytes,
        backlogTimeout,
        materializerThreads,
        flatfsSync);
  }

  public LocalStoreConfig withMaxBatchBytes(int value) {
    return new LocalStoreConfig(
        dataDir,
        workerPoolSize,
        segmentBytes,
        value,
        maxBacklogBytes,
        maxJournalBytes,
        backlogTimeout,
        materializerThreads,
        flatfsSync);
  }

  public LocalStoreConfig withMaxBacklogBytes(long value) {
    return new LocalStoreConfig(
        dataDir,
        workerPoolSize,
        segmentBytes,
        maxBatchBytes,
        value,
        maxJournalBytes,
        backlogTimeout,
        materializerThreads,
        flatfsSync);
  }

  public LocalStoreConfig withMaxJournalBytes(long value) {
    return new LocalStoreConfig(
        dataDir,
        workerPoolSize,
        segmentBytes,
        maxBatchBytes,
        maxBacklogBytes,
        value,
        backlogTimeout,
        materializerThreads,
        flatfsSync);
  }

  public LocalStoreConfig withBacklogTimeout(Duration value) {
    return new LocalStoreConfig(
        dataDir,
        workerPoolSize,
        segmentBytes,
        maxBatchBytes,
        maxBacklogBytes,
        maxJournalBytes,
        value,
        materializerThreads,
        flatfsSync);
  }

  public LocalStoreConfig withMaterializerThreads(int value) {
    return new LocalStoreConfig(
        dataDir,
        workerPoolSize,
        segmentBytes,
        maxBatchBytes,
        maxBacklogBytes,
        maxJournalBytes,
        backlogTimeout,
        value,
        flatfsSync);
  }

  public LocalStoreConfig withFlatfsSync(FlatfsSync value) {
    return new LocalStoreConfig(
        dataDir,
        workerPoolSize,
        segmentBytes,
        maxBatchBytes,
        maxBacklogBytes,
        maxJournalBytes,
        backlogTimeout,
        materializerThreads,
        value);
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
