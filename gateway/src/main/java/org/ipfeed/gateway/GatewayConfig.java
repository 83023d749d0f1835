package org.ipfeed.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ipfeed.schema.identity.Did;

/**
 * How a gateway node runs. Every key has a default that works on one machine with no IPFS daemon.
 *
 * @param dataDir where the embedded store, the index and the node's state live; default {@code
 *     ./ipfeed-data}
 * @param host the address to listen on; default {@code 127.0.0.1}, as a node is reached through a
 *     reverse proxy or on purpose
 * @param port the port; {@link #DEFAULT_PORT} unless set; when the default is taken, a free one
 * @param portExplicit whether the port was asked for, in which case a taken port is an error
 * @param maxCarBlocks the most blocks one CAR response holds
 * @param eventLoops HTTP servers, one per event loop; default one per core
 * @param peers base URLs of peer gateways whose heads, streams and blocks this node follows;
 *     default none
 * @param follow authors followed whatever the node's users follow; default none
 * @param pollEvery how often every followed head is asked of every peer; default {@link
 *     #DEFAULT_POLL}
 * @param adminToken the bearer token of the admin API; default none, which disables it
 */
public record GatewayConfig(
    Path dataDir,
    String host,
    int port,
    boolean portExplicit,
    int maxCarBlocks,
    int eventLoops,
    List<URI> peers,
    Set<Did> follow,
    Duration pollEvery,
    Optional<String> adminToken) {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_CAR_BLOCKS = 10_000;
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(30);

  /** Shorter tokens are guessable; 16 random characters are not. */
  public static final int MIN_ADMIN_TOKEN = 16;

  public GatewayConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    peers = List.copyOf(peers);
    follow = Set.copyOf(follow);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    if (maxCarBlocks < 1) {
      throw new IllegalArgumentException("maxCarBlocks must be at least 1");
    }
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops must be at least 1");
    }
    if (pollEvery.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("pollEvery must be at least 100 ms, not " + pollEvery);
    }
    if (adminToken.isPresent() && adminToken.get().strip().length() < MIN_ADMIN_TOKEN) {
      throw new IllegalArgumentException(
          "an admin token has at least " + MIN_ADMIN_TOKEN + " characters");
    }
    for (URI peer : peers) {
      if (!peer.isAbsolute()
          || !("http".equals(peer.getScheme()) || "https".equals(peer.getScheme()))
          || peer.getHost() == null) {
        throw new IllegalArgumentException("a peer is an http(s) URL, not " + peer);
      }
    }
  }

  public static GatewayConfig defaults() {
    return new GatewayConfig(
        Path.of("ipfeed-data"),
        "127.0.0.1",
        DEFAULT_PORT,
        false,
        DEFAULT_MAX_CAR_BLOCKS,
        Runtime.getRuntime().availableProcessors(),
        List.of(),
        Set.of(),
        DEFAULT_POLL,
        Optional.empty());
  }

  public GatewayConfig withDataDir(Path value) {
    return new GatewayConfig(
        value,
        host,
        port,
        portExplicit,
        maxCarBlocks,
        eventLoops,
        peers,
        follow,
        pollEvery,
        adminToken);
  }

  public GatewayConfig withHost(String value) {
    return new GatewayConfig(
        dataDir,
        value,
        port,
        portExplicit,
        maxCarBlocks,
        eventLoops,
        peers,
        follow,
        pollEvery,
        adminToken);
  }

  /** A port asked for by name: if it is taken, start-up fails rather than picking another. */
  public GatewayConfig withPort(int value) {
    return new GatewayConfig(
        dataDir, host, value, true, maxCarBlocks, eventLoops, peers, follow, pollEvery, adminToken);
  }

  public GatewayConfig withEventLoops(int value) {
    return new GatewayConfig(
        dataDir,
        host,
        port,
        portExplicit,
        maxCarBlocks,
        value,
        peers,
        follow,
        pollEvery,
        adminToken);
  }

  public GatewayConfig withMaxCarBlocks(int value) {
    return new GatewayConfig(
        dataDir, host, port, portExplicit, value, eventLoops, peers, follow, pollEvery, adminToken);
  }

  public GatewayConfig withPeers(List<URI> value) {
    return new GatewayConfig(
        dataDir,
        host,
        port,
        portExplicit,
        maxCarBlocks,
        eventLoops,
        value,
        follow,
        pollEvery,
        adminToken);
  }

  public GatewayConfig withFollow(Set<Did> value) {
    return new GatewayConfig(
        dataDir,
        host,
        port,
        portExplicit,
        maxCarBlocks,
        eventLoops,
        peers,
        value,
        pollEvery,
        adminToken);
  }

  public GatewayConfig withAdminToken(Optional<String> value) {
    return new GatewayConfig(
        dataDir,
        host,
        port,
        portExplicit,
        maxCarBlocks,
        eventLoops,
        peers,
        follow,
        pollEvery,
        value);
  }

  public GatewayConfig withPollEvery(Duration value) {
    return new GatewayConfig(
        dataDir,
        host,
        port,
        portExplicit,
        maxCarBlocks,
        eventLoops,
        peers,
        follow,
        value,
        adminToken);
  }
}
