package org.ipfeed.store.kubo;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.ipfeed.store.Block;

/**
 * How {@link KuboBlockStore} talks to an IPFS node. Start from {@link #defaults()} and change what
 * differs with the {@code with...} methods; every value is checked when the record is made.
 *
 * @param apiUrl the node's RPC API, without {@code /api/v0}; default {@code http://127.0.0.1:5001},
 *     Kubo's own default
 * @param nodeTimeout sent as {@code timeout=} with every call that can wait for a block the node
 *     does not have (block/get, block/stat, pin/add, dag/export): without it such a call waits
 *     forever on both Kubo and js-ipfs. When it runs out the block counts as not found. Default 5 s
 * @param requestTimeout how long one attempt may take on our side, from asking the pool for a
 *     connection to the last byte of the answer (for streams: to the answer's head; after that it
 *     is the longest silence allowed). Must exceed {@code nodeTimeout}, so that the node's own "not
 *     found" arrives first. Default 15 s
 * @param connectTimeout how long to wait for a TCP connection; default 2 s
 * @param maxRetries how many times an idempotent call is tried again after a connection failure or
 *     a 5xx that is not a command error; default 2
 * @param initialBackoff the wait before the first retry, doubled for each next one (with jitter);
 *     default 100 ms
 * @param maxBackoff the longest wait between retries; default 2 s
 * @param maxConnections the most connections open to the node at once; further calls queue for one
 *     (their wait counts towards {@code requestTimeout}). Subscriptions have their own connections.
 *     Default 8
 * @param maxBlockBytes the largest block sent or accepted; larger ones are refused before sending
 *     and a larger answer is cut off unread. At most {@link Block#MAX_BYTES}, which is the default
 * @param maxJsonBytes the largest JSON answer, or JSON line of a stream, that is read; default 4
 *     MiB
 */
public record KuboStoreConfig(
    URI apiUrl,
    Duration nodeTimeout,
    Duration requestTimeout,
    Duration connectTimeout,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    int maxConnections,
    int maxBlockBytes,
    int maxJsonBytes) {

  public static final URI DEFAULT_API_URL = URI.create("http://127.0.0.1:5001");

  public KuboStoreConfig {
    Objects.requireNonNull(apiUrl, "apiUrl");
    String scheme = apiUrl.getScheme() == null ? "" : apiUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("apiUrl must be http or https: " + apiUrl);
    }
    if (apiUrl.getHost() == null) {
      throw new IllegalArgumentException("apiUrl has no host: " + apiUrl);
    }
    if (apiUrl.getRawQuery() != null || apiUrl.getRawFragment() != null) {
      throw new IllegalArgumentException("apiUrl must have no query or fragment: " + apiUrl);
    }
    requirePositive("nodeTimeout", nodeTimeout);
    requirePositive("requestTimeout", requestTimeout);
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("maxBackoff", maxBackoff);
    if (requestTimeout.compareTo(nodeTimeout) <= 0) {
      throw new IllegalArgumentException(
          "requestTimeout ("
              + requestTimeout
              + ") must exceed nodeTimeout ("
              + nodeTimeout
              + "), or a missing block looks like a dead node");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be at least initialBackoff");
    }
    if (maxRetries < 0 || maxRetries > 10) {
      throw new IllegalArgumentException("maxRetries must be 0..10, got " + maxRetries);
    }
    if (maxConnections < 1 || maxConnections > 1024) {
      throw new IllegalArgumentException("maxConnections must be 1..1024, got " + maxConnections);
    }
    if (maxBlockBytes < 1 || maxBlockBytes > Block.MAX_BYTES) {
      throw new IllegalArgumentException(
          "maxBlockBytes must be 1.." + Block.MAX_BYTES + ", got " + maxBlockBytes);
    }
    if (maxJsonBytes < 1024) {
      throw new IllegalArgumentException("maxJsonBytes must be at least 1024, got " + maxJsonBytes);
    }
  }

  /** Every default, for a node at {@code http://127.0.0.1:5001}. */
  public static KuboStoreConfig defaults() {
    return new KuboStoreConfig(
        DEFAULT_API_URL,
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        Duration.ofSeconds(2),
        2,
        Duration.ofMillis(100),
        Duration.ofSeconds(2),
        8,
        Block.MAX_BYTES,
        4 << 20);
  }

  /** The defaults for a node at {@code apiUrl}. */
  public static KuboStoreConfig of(String apiUrl) {
    return defaults().withApiUrl(URI.create(apiUrl));
  }

  public KuboStoreConfig withApiUrl(URI value) {
    return new KuboStoreConfig(
        value,
        nodeTimeout,
        requestTimeout,
        connectTimeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        maxConnections,
        maxBlockBytes,
        maxJsonBytes);
  }

  /** Both time-outs at once, since {@code requestTimeout} must stay above {@code nodeTimeout}. */
  public KuboStoreConfig withTimeouts(Duration node, Duration request) {
    return new KuboStoreConfig(
        apiUrl,
        node,
        request,
        connectTimeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        maxConnections,
        maxBlockBytes,
        maxJsonBytes);
  }

  public KuboStoreConfig withConnectTimeout(Duration value) {
    return new KuboStoreConfig(
        apiUrl,
        nodeTimeout,
        requestTimeout,
        value,
        maxRetries,
        initialBackoff,
        maxBackoff,
        maxConnections,
        maxBlockBytes,
        maxJsonBytes);
  }

  public KuboStoreConfig withRetries(int retries, Duration initial, Duration max) {
    return new KuboStoreConfig(
        apiUrl,
        nodeTimeout,
        requestTimeout,
        connectTimeout,
        retries,
        initial,
        max,
        maxConnections,
        maxBlockBytes,
        maxJsonBytes);
  }

  public KuboStoreConfig withMaxConnections(int value) {
    return new KuboStoreConfig(
        apiUrl,
        nodeTimeout,
        requestTimeout,
        connectTimeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        value,
        maxBlockBytes,
        maxJsonBytes);
  }

  public KuboStoreConfig withLimits(int blockBytes, int jsonBytes) {
    return new KuboStoreConfig(
        apiUrl,
        nodeTimeout,
        requestTimeout,
        connectTimeout,
        maxRetries,
        initialBackoff,
        maxBackoff,
        maxConnections,
        blockBytes,
        jsonBytes);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
