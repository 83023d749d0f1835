package org.ipfeed.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.BlockStore;

/**
 * {@code GET /health}: whether this node can serve. The block store is probed with a read of a
 * block no one stores, which exercises the same path every request takes without touching data.
 */
public final class HealthHandler implements Handler<RoutingContext> {

  /** The sha2-256 raw CID of the bytes "ipfeed health probe": never stored by anyone. */
  private static final Cid PROBE = Cid.raw("ipfeed health probe".getBytes());

  private final BlockStore store;
  private final String storeKind;

  public HealthHandler(BlockStore store, String storeKind) {
    this.store = store;
    this.storeKind = storeKind;
  }

  @Override
  public void handle(RoutingContext ctx) {
    store
        .has(PROBE)
        .onComplete(
            ar -> {
              JsonObject storeState = new JsonObject().put("kind", storeKind);
              if (ar.succeeded()) {
                storeState.put("reachable", true);
              } else {
                storeState.put("reachable", false).put("error", ar.cause().getMessage());
              }
              boolean up = ar.succeeded();
              ctx.response()
                  .setStatusCode(up ? 200 : 503)
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                  .end(
                      new JsonObject()
                          .put("status", up ? "up" : "down")
                          .put("store", storeState)
                          .encode());
            });
  }
}
