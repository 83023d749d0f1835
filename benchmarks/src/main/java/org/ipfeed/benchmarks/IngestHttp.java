package org.ipfeed.benchmarks;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipfeed.gateway.Gateway;
import org.ipfeed.gateway.GatewayConfig;
import org.ipfeed.store.local.LocalBlockStore;
import org.ipfeed.store.local.LocalStoreConfig;

/**
 * {@code POST /api/v1/entries} over real HTTP/1.1 on loopback: a whole gateway ({@link
 * Gateway#start}, embedded store in a fresh directory, one server per core) and, in the same JVM on
 * its own Vert.x instance, a Vert.x HTTP client with a pool of keep-alive connections. Bodies are
 * the entries' DAG-CBOR blocks, built before timing. Only {@code 201 Created} counts; any other
 * answer is an error that fails the run.
 *
 * <p>The client shares the two cores with the gateway, as {@code wrk} does in the other HTTP
 * baselines; its event-loop threads are renamed {@code bench-client-…} so the CPU report keeps them
 * apart from the gateway's.
 */
final class IngestHttp implements AutoCloseable {

  /** One run of the logs: every request's latency and the CPU report. */
  record Result(LogDriver.Result acked, String cpu) {}

  private static final String DAG_CBOR = "application/vnd.ipld.dag-cbor";

  final Path dir;
  final Vertx serverVertx = Vertx.vertx();
  final Vertx clientVertx;
  final LocalBlockStore store;
  final Gateway gateway;
  final HttpClientAgent client;

  IngestHttp(int cores, int connections) throws IOException {
    dir = Files.createTempDirectory("ipfeed-ingest-http-");
    store =
        IngestLoad.await(
            LocalBlockStore.open(serverVertx, LocalStoreConfig.defaults(dir.resolve("blocks"))));
    gateway =
        IngestLoad.await(
            Gateway.start(
                serverVertx,
                GatewayConfig.defaults().withDataDir(dir).withPort(0).withEventLoops(cores),
                store,
                "local"));
    clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(cores));
    client =
        clientVertx
            .httpClientBuilder()
            .with(
                new HttpClientOptions()
                    .setDefaultHost("127.0.0.1")
                    .setDefaultPort(gateway.port())
                    .setKeepAlive(true)
                    .setTcpNoDelay(true))
            .with(new PoolOptions().setHttp1MaxSize(connections))
            .build();
  }

  /** Posts every log of {@code data}, {@code inFlight} requests outstanding. */
  Result run(IngestDataset data, int inFlight, int cores) throws InterruptedException {
    Buffer[] bodies = new Buffer[data.size()];
    for (int i = 0; i < bodies.length; i++) {
      bodies[i] = Buffer.buffer(data.blocks[i]);
    }
    List<Context> loops = LogDriver.eventLoops(clientVertx, cores);
    for (int i = 0; i < loops.size(); i++) {
      String name = "bench-client-eventloop-" + i;
      Promise<Void> renamed = Promise.promise();
      loops
          .get(i)
          .runOnContext(
              v -> {
                Thread.currentThread().setName(name);
                renamed.complete();
              });
      IngestLoad.await(renamed.future());
    }
    ThreadCpu cpu = new ThreadCpu();
    LogDriver.Result acked =
        LogDriver.run(
            loops,
            data.authors,
            data.perAuthor,
            inFlight,
            id -> post(bodies[id]),
            IngestLoad.TIMEOUT_SECONDS);
    if (acked.failures() > 0) {
      throw new IllegalStateException(
          acked.failures() + " posts not answered 201; the first", acked.firstFailure());
    }
    return new Result(acked, cpu.report());
  }

  private Future<Void> post(Buffer body) {
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setURI("/api/v1/entries")
            .putHeader(HttpHeaders.CONTENT_TYPE, DAG_CBOR);
    return client
        .request(request)
        .compose(req -> req.send(body))
        .compose(
            response ->
                response
                    .body()
                    .compose(
                        answer ->
                            response.statusCode() == 201
                                ? Future.succeededFuture()
                                : Future.failedFuture(
                                    new IllegalStateException(
                                        "HTTP " + response.statusCode() + ": " + answer))));
  }

  @Override
  public void close() throws IOException {
    try {
      IngestLoad.await(client.close());
      IngestLoad.await(clientVertx.close());
      IngestLoad.await(gateway.close());
      IngestLoad.await(store.close());
      IngestLoad.await(serverVertx.close());
    } finally {
      FeedIndexLoad.deleteAll(dir);
    }
  }
}
