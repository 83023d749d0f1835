package org.ipfeed.gateway;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a gateway node runs. Every key has a default that works on one machine with no IPFS daemon.
 *
 * @param dataDir where the embedded store (and later the index) live; default {@code ./ipfeed-data}
 * @param host the address to listen on; default {@code 127.0.0.1}, as a node is reached through a
 *     reverse proxy or on purpose
 * @param port the port; {@link #DEFAULT_PORT} unless set; when the default is taken, a free one
 * @param portExplicit whether the port was asked for, in which case a taken port is an error
 * @param maxCarBlocks the most blocks one CAR response holds
 * @param eventLoops HTTP servers, one per event loop; default one per core
 */
public record GatewayConfig(
    Path dataDir, String host, int port, boolean portExplicit, int maxCarBlocks, int eventLoops) {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_CAR_BLOCKS = 10_000;

  public GatewayConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    if (maxCarBlocks < 1) {
      throw new IllegalArgumentException("maxCarBlocks must be at least 1");
    }
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops must be at least 1");
    }
  }

  public static GatewayConfig defaults() {
    return new GatewayConfig(
        Path.of("ipfeed-data"),
        "127.0.0.1",
        DEFAULT_PORT,
        false,
        DEFAULT_MAX_CAR_BLOCKS,
        Runtime.getRuntime().availableProcessors());
  }

  public GatewayConfig withDataDir(Path value) {
    return new GatewayConfig(value, host, port, portExplicit, maxCarBlocks, eventLoops);
  }

  public GatewayConfig withHost(String value) {
    return new GatewayConfig(dataDir, value, port, portExplicit, maxCarBlocks, eventLoops);
  }

  /** A port asked for by name: if it is taken, start-up fails rather than picking another. */
  public GatewayConfig withPort(int value) {
    return new GatewayConfig(dataDir, host, value, true, maxCarBlocks, eventLoops);
  }

  public GatewayConfig withEventLoops(int value) {
    return new GatewayConfig(dataDir, host, port, portExplicit, maxCarBlocks, value);
  }

  public GatewayConfig withMaxCarBlocks(int value) {
    return new GatewayConfig(dataDir, host, port, portExplicit, value, eventLoops);
  }
}
