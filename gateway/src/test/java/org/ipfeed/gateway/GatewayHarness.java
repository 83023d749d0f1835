package org.ipfeed.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.ipfeed.store.BlockStore;
import org.ipfeed.store.local.LocalBlockStore;
import org.ipfeed.store.local.LocalStoreConfig;
import org.ipfeed.store.peer.PeerConfig;
import org.ipfeed.store.peer.PeerGatewayReader;
import org.ipfeed.store.tiered.TieredBlockStore;
import org.ipfeed.store.tiered.TieredStoreConfig;
import org.ipfeed.store.tiered.Tiers;

/**
 * A gateway on a free loopback port over a real embedded store in a temporary directory, and the
 * JDK's HTTP client to talk to it: a client that shares no code with the server.
 */
final class GatewayHarness implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final BlockStore store;
  final Gateway gateway;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  GatewayHarness(Path dir) {
    this(dir, GatewayConfig.DEFAULT_MAX_CAR_BLOCKS);
  }

  GatewayHarness(Path dir, int maxCarBlocks) {
    this(dir, c -> c.withMaxCarBlocks(maxCarBlocks));
  }

  /**
   * A gateway configured by {@code tweak}; with peers, its store reads through to them as {@code
   * ipfeed serve}'s does.
   */
  GatewayHarness(Path dir, UnaryOperator<GatewayConfig> tweak) {
    GatewayConfig config = tweak.apply(GatewayConfig.defaults().withDataDir(dir).withPort(0));
    LocalBlockStore local =
        await(LocalBlockStore.open(vertx, LocalStoreConfig.defaults(dir.resolve("blocks"))));
    store =
        config.peers().isEmpty()
            ? local
            : await(
                TieredBlockStore.open(
                    vertx,
                    TieredStoreConfig.of(dir),
                    Tiers.local(local)
                        .withPeers(
                            PeerGatewayReader.create(vertx, PeerConfig.of(config.peers())))));
    gateway = await(Gateway.start(vertx, config, store, "local"));
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
  }

  HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), headers);
  }

  HttpResponse<byte[]> post(String path, byte[] body, String contentType) {
    return send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)),
        "Content-Type",
        contentType);
  }

  HttpResponse<byte[]> send(String method, String pathAndQuery, String... headers) {
    return send(
        HttpRequest.newBuilder(uri(pathAndQuery))
            .method(method, HttpRequest.BodyPublishers.noBody()),
        headers);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static <T> T await(Future<T> future) {
    return Blocking.await(future, Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    await(gateway.close());
    await(store.close());
    await(vertx.close());
  }
}
