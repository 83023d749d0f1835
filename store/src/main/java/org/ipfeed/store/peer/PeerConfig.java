package org.ipfeed.store.peer;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ipfeed.store.Block;

/**
 * Which peer gateways to read blocks from, and how patiently.
 *
 * @param gateways base URLs of trustless gateways ({@code http://host:port}, optionally with a path
 *     prefix), asked in this order; default none
 * @param timeout the whole exchange with one peer, from connecting to the last byte; default 5 s
 * @param connectTimeout establishing the TCP connection to one peer; default 2 s, at most {@code
 *     timeout}
 * @param maxBlockBytes the largest answer read from a peer; default {@link Block#MAX_BYTES} (1
 *     MiB), which is also the upper bound
 * @param retryBase how long a peer is asked last after its first failure; default 1 s, doubled for
 *     every further failure in a row
 * @param retryMax the longest such back-off; default 5 min
 * @param connectionsPerPeer HTTP/1.1 connections kept open per peer; default 4
 */
public record PeerConfig(
    List<URI> gateways,
    Duration timeout,
    Duration connectTimeout,
    int maxBlockBytes,
    Duration retryBase,
    Duration retryMax,
    int connectionsPerPeer) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(1);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(5);
  public static final int DEFAULT_CONNECTIONS_PER_PEER = 4;

  public PeerConfig {
    gateways = gateways.stream().map(PeerConfig::normalise).toList();
    Set<URI> unique = new HashSet<>(gateways);
    if (unique.size() != gateways.size()) {
      throw new IllegalArgumentException("peer gateways are listed twice: " + gateways);
    }
    requirePositive("timeout", timeout);
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("retryBase", retryBase);
    requirePositive("retryMax", retryMax);
    if (connectTimeout.compareTo(timeout) > 0) {
      throw new IllegalArgumentException(
          "connectTimeout " + connectTimeout + " is longer than timeout " + timeout);
    }
    if (retryMax.compareTo(retryBase) < 0) {
      throw new IllegalArgumentException(
          "retryMax " + retryMax + " is shorter than retryBase " + retryBase);
    }
    if (maxBlockBytes < 1 || maxBlockBytes > Block.MAX_BYTES) {
      throw new IllegalArgumentException(
          "maxBlockBytes must be in [1, " + Block.MAX_BYTES + "]: " + maxBlockBytes);
    }
    if (connectionsPerPeer < 1) {
      throw new IllegalArgumentException("connectionsPerPeer must be at least 1");
    }
  }

  /** These gateways with every other setting at its default. */
  public static PeerConfig of(List<URI> gateways) {
    return new PeerConfig(
        gateways,
        DEFAULT_TIMEOUT,
        DEFAULT_CONNECT_TIMEOUT,
        Block.MAX_BYTES,
        DEFAULT_RETRY_BASE,
        DEFAULT_RETRY_MAX,
        DEFAULT_CONNECTIONS_PER_PEER);
  }

  /** No peers at all: every read misses. */
  public static PeerConfig none() {
    return of(List.of());
  }

  /** The same with another whole-exchange time-out (the connect time-out shrinks to fit). */
  public PeerConfig withTimeout(Duration timeout) {
    Duration connect = connectTimeout.compareTo(timeout) > 0 ? timeout : connectTimeout;
    return new PeerConfig(
        gateways, timeout, connect, maxBlockBytes, retryBase, retryMax, connectionsPerPeer);
  }

  public PeerConfig withMaxBlockBytes(int maxBlockBytes) {
    return new PeerConfig(
        gateways, timeout, connectTimeout, maxBlockBytes, retryBase, retryMax, connectionsPerPeer);
  }

  public PeerConfig withRetry(Duration retryBase, Duration retryMax) {
    return new PeerConfig(
        gateways, timeout, connectTimeout, maxBlockBytes, retryBase, retryMax, connectionsPerPeer);
  }

  private static URI normalise(URI gateway) {
    String scheme = gateway.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("a peer gateway needs an http(s) URL: " + gateway);
    }
    if (gateway.getHost() == null) {
      throw new IllegalArgumentException("a peer gateway URL needs a host: " + gateway);
    }
    if (gateway.getRawQuery() != null || gateway.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "a peer gateway URL is a base, without query or fragment: " + gateway);
    }
    String text = gateway.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
