package org.ipfeed.store.peer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.IpfeedException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;

/**
 * Reads blocks from other gateways over the trustless gateway protocol ({@code GET
 * /ipfs/{cid}?format=raw}) and believes nothing it has not hashed; see the package documentation.
 *
 * <p>Thread-safe: one reader serves every event loop of the process.
 */
public final class PeerGatewayReader implements BlockSource {

  /** Bodies up to this size are hashed on the calling event loop; larger ones on a worker. */
  static final int VERIFY_INLINE_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final PeerConfig config;
  private final Clock clock;
  private final HttpClientAgent http;
  private final List<PeerHealth> peers;
  private volatile boolean closed;

  private PeerGatewayReader(Vertx vertx, PeerConfig config, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.http =
        vertx
            .httpClientBuilder()
            .with(
                new HttpClientOptions()
                    .setConnectTimeout((int) config.connectTimeout().toMillis())
                    .setKeepAlive(true))
            .with(new PoolOptions().setHttp1MaxSize(config.connectionsPerPeer()))
            .build();
    List<PeerHealth> health = new ArrayList<>();
    for (var gateway : config.gateways()) {
      health.add(new PeerHealth(gateway, config.retryBase(), config.retryMax()));
    }
    this.peers = List.copyOf(health);
  }

  public static PeerGatewayReader create(Vertx vertx, PeerConfig config) {
    return create(vertx, config, Clock.systemUTC());
  }

  /** With an injected clock, which times the back-off and stamps the status. */
  public static PeerGatewayReader create(Vertx vertx, PeerConfig config, Clock clock) {
    return new PeerGatewayReader(vertx, config, clock);
  }

  /**
   * Asks the peers one after the other until one answers with bytes that hash to {@code cid}.
   *
   * <p>Fails with {@code NotFoundException} when every peer said it does not have the block. When
   * some peer failed instead, the block may exist, so the read fails with that peer's error: {@code
   * IntegrityException} ({@code block-mismatch}) if any peer answered with the wrong bytes, else
   * {@code UpstreamException}; every other peer's error is attached as suppressed. Each message
   * names the CID and the peer.
   */
  @Override
  public Future<Block> get(Cid cid) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the peer gateway reader is closed"));
    }
    if (!cid.multihash().isSupported()) {
      return Future.failedFuture(
          new BadInputException(
              "unsupported-hash", "cannot verify " + cid + ": its hash function is not supported"));
    }
    return ask(cid, askingOrder(clock.instant()), 0, new ArrayList<>());
  }

  /** Every peer's reachability, in configured order. */
  public List<PeerStatus> status() {
    return peers.stream().map(PeerHealth::status).toList();
  }

  public PeerConfig config() {
    return config;
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return http.close();
  }

  /**
   * Healthy peers (and those whose back-off has run out) in configured order, then the ones in
   * back-off, soonest-due first: a failing peer is still asked, but last.
   */
  private List<PeerHealth> askingOrder(Instant now) {
    List<PeerHealth> ready = new ArrayList<>();
    List<PeerHealth> waiting = new ArrayList<>();
    for (PeerHealth peer : peers) {
      (peer.retryAt().isAfter(now) ? waiting : ready).add(peer);
    }
    waiting.sort(Comparator.comparing(PeerHealth::retryAt));
    ready.addAll(waiting);
    return ready;
  }

  // Recursion depth is the number of peers: a handful.
  private Future<Block> ask(Cid cid, List<PeerHealth> order, int index, List<Throwable> failures) {
    if (index == order.size()) {
      return Future.failedFuture(verdict(cid, order.size(), failures));
    }
    PeerHealth peer = order.get(index);
    return fetch(peer, cid)
        .recover(
            failure -> {
              failures.add(failure);
              return ask(cid, order, index + 1, failures);
            });
  }

  private Future<Block> fetch(PeerHealth peer, Cid cid) {
    PeerExchange exchange =
        new PeerExchange(
            vertx,
            http,
            peer.gateway(),
            cid,
            config.timeout().toMillis(),
            config.connectTimeout().toMillis(),
            config.maxBlockBytes());
    return exchange
        .run()
        .compose(body -> verify(peer, cid, body))
        .andThen(
            ar -> {
              Instant now = clock.instant();
              if (ar.succeeded() || ar.cause() instanceof NotFoundException) {
                peer.succeeded(now);
              } else {
                peer.failed(now, reasonOf(ar.cause()));
              }
            });
  }

  private Future<Block> verify(PeerHealth peer, Cid cid, Buffer body) {
    byte[] bytes = body.getBytes();
    if (bytes.length <= VERIFY_INLINE_BYTES) {
      try {
        return Future.succeededFuture(verified(peer, cid, bytes));
      } catch (IntegrityException e) {
        return Future.failedFuture(e);
      }
    }
    return vertx.executeBlocking(() -> verified(peer, cid, bytes), false);
  }

  private static Block verified(PeerHealth peer, Cid cid, byte[] bytes) {
    try {
      return Block.verified(cid, bytes);
    } catch (IntegrityException e) {
      throw new IntegrityException(
          e.reason(),
          peer.gateway()
              + " answered "
              + cid
              + " with "
              + bytes.length
              + " bytes that do not hash to it; its answer was discarded",
          e);
    }
  }

  private static Throwable verdict(Cid cid, int asked, List<Throwable> failures) {
    if (asked == 0) {
      return new NotFoundException(
          "block-not-found", "no peer gateway is configured to ask for " + cid);
    }
    Throwable worst = null;
    for (Throwable failure : failures) {
      if (worst == null || severity(failure) > severity(worst)) {
        worst = failure;
      }
    }
    if (worst instanceof NotFoundException) {
      return new NotFoundException(
          "block-not-found", "none of the " + asked + " peer gateways has " + cid);
    }
    for (Throwable failure : failures) {
      if (failure != worst) {
        worst.addSuppressed(failure);
      }
    }
    return worst;
  }

  /** Which failure explains a miss best: a lie, then an outage, then a plain "not here". */
  private static int severity(Throwable failure) {
    if (failure instanceof IntegrityException) {
      return 3;
    }
    if (failure instanceof NotFoundException) {
      return 1;
    }
    return 2;
  }

  private static String reasonOf(Throwable failure) {
    return failure instanceof IpfeedException e ? e.reason() : "unexpected-error";
  }
}
