package org.ipfeed.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.BindException;
import org.ipfeed.gateway.http.Cors;
import org.ipfeed.gateway.http.HealthHandler;
import org.ipfeed.gateway.http.Problems;
import org.ipfeed.gateway.ipfs.IpfsPathHandler;
import org.ipfeed.store.BlockStore;

/**
 * One gateway node's HTTP side: routes, and the server they run on. The caller owns the store and
 * Vert.x; closing the gateway stops the server only.
 */
public final class Gateway {

  private final HttpServer server;

  private Gateway(HttpServer server) {
    this.server = server;
  }

  /** Starts serving {@code store} as {@code config} says; the future fails if it cannot listen. */
  public static Future<Gateway> start(
      Vertx vertx, GatewayConfig config, BlockStore store, String storeKind) {
    Router router = router(vertx, config, store, storeKind);
    return listen(vertx, router, config, config.port())
        .recover(
            failure ->
                !config.portExplicit() && isBindFailure(failure)
                    // The default port is taken (another node, another program): any free one
                    // will do, and the URL printed at start-up says which.
                    ? listen(vertx, router, config, 0)
                    : Future.failedFuture(failure))
        .map(Gateway::new);
  }

  static Router router(Vertx vertx, GatewayConfig config, BlockStore store, String storeKind) {
    Router router = Router.router(vertx);
    router.route("/ipfs/*").handler(new Cors());
    IpfsPathHandler ipfs = new IpfsPathHandler(vertx, store, config.maxCarBlocks());
    router.route(HttpMethod.GET, "/ipfs/*").handler(ipfs);
    router.route(HttpMethod.HEAD, "/ipfs/*").handler(ipfs);
    router.route(HttpMethod.GET, "/health").handler(new HealthHandler(store, storeKind));
    Problems.install(router);
    return router;
  }

  private static Future<HttpServer> listen(
      Vertx vertx, Router router, GatewayConfig config, int port) {
    return vertx.createHttpServer().requestHandler(router).listen(port, config.host());
  }

  private static boolean isBindFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
