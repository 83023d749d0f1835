package org.ipfeed.indexer;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.ipfeed.schema.identity.Did;

/**
 * How a {@link LuceneFeedIndex} writes, refreshes and moderates. Validated at construction; {@link
 * #defaults()} gives every key its documented default.
 *
 * @param commitEveryOps commit once this many operations (entries, mutes, checkpoints) were applied
 *     since the last commit. Default 200,000, a few seconds of bulk indexing: a bound for bursts,
 *     while the time policy below decides in steady ingest. A commit flushes and fsyncs every new
 *     file (tens to hundreds of milliseconds), so committing much more often than every few seconds
 *     costs a large share of indexing time.
 * @param commitInterval commit when the oldest uncommitted change is this old. Default 5 s: how
 *     much a quiet gateway may have to re-fetch after a crash; the entries stay in the block store.
 * @param refreshInterval how often readers get a new near-real-time searcher. Default 250 ms, so a
 *     new post is searchable in well under a second; each refresh that finds changes writes a small
 *     segment, so much shorter intervals cost merging.
 * @param ramBufferMb the writer's in-memory buffer before it flushes a segment. Default 64 MB: bulk
 *     indexing flushes fewer, larger segments than Lucene's 16 MB default, for heap a gateway has.
 * @param trustedModerators authors whose labels count everywhere on this gateway (its own
 *     moderation team, or a labelling service it subscribes to). Default none: only community
 *     moderators' labels count, within their communities.
 * @param hidingLabels label values that hide what they label. Default {@code hide}, {@code spam},
 *     {@code nsfw}.
 */
public record IndexConfig(
    int commitEveryOps,
    Duration commitInterval,
    Duration refreshInterval,
    int ramBufferMb,
    Set<Did> trustedModerators,
    Set<String> hidingLabels) {

  public static final int DEFAULT_COMMIT_EVERY_OPS = 200_000;
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMillis(250);
  public static final int DEFAULT_RAM_BUFFER_MB = 64;
  public static final Set<String> DEFAULT_HIDING_LABELS = Set.of("hide", "spam", "nsfw");

  public IndexConfig {
    if (commitEveryOps < 1) {
      throw new IllegalArgumentException("commitEveryOps must be at least 1: " + commitEveryOps);
    }
    requirePositive("commitInterval", commitInterval);
    requirePositive("refreshInterval", refreshInterval);
    if (refreshInterval.compareTo(Duration.ofSeconds(1)) >= 0) {
      // Searchable within a second is a promise of the index, not a preference.
      throw new IllegalArgumentException(
          "refreshInterval must be under a second (posts are searchable within one): "
              + refreshInterval);
    }
    if (ramBufferMb < 1 || ramBufferMb > 2_047) {
      throw new IllegalArgumentException("ramBufferMb must be 1..2047: " + ramBufferMb);
    }
    trustedModerators = Set.copyOf(Objects.requireNonNull(trustedModerators, "trustedModerators"));
    hidingLabels = Set.copyOf(Objects.requireNonNull(hidingLabels, "hidingLabels"));
  }

  /** Every key at its default. */
  public static IndexConfig defaults() {
    return new IndexConfig(
        DEFAULT_COMMIT_EVERY_OPS,
        DEFAULT_COMMIT_INTERVAL,
        DEFAULT_REFRESH_INTERVAL,
        DEFAULT_RAM_BUFFER_MB,
        Set.of(),
        DEFAULT_HIDING_LABELS);
  }

  public IndexConfig withCommitEveryOps(int value) {
    return new IndexConfig(
        value, commitInterval, refreshInterval, ramBufferMb, trustedModerators, hidingLabels);
  }

  public IndexConfig withCommitInterval(Duration value) {
    return new IndexConfig(
        commitEveryOps, value, refreshInterval, ramBufferMb, trustedModerators, hidingLabels);
  }

  public IndexConfig withRefreshInterval(Duration value) {
    return new IndexConfig(
        commitEveryOps, commitInterval, value, ramBufferMb, trustedModerators, hidingLabels);
  }

  public IndexConfig withRamBufferMb(int value) {
    return new IndexConfig(
        commitEveryOps, commitInterval, refreshInterval, value, trustedModerators, hidingLabels);
  }

  public IndexConfig withTrustedModerators(Set<Did> value) {
    return new IndexConfig(
        commitEveryOps, commitInterval, refreshInterval, ramBufferMb, value, hidingLabels);
  }

  public IndexConfig withHidingLabels(Set<String> value) {
    return new IndexConfig(
        commitEveryOps, commitInterval, refreshInterval, ramBufferMb, trustedModerators, value);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
