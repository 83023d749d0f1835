package org.ipfeed.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.BlockStore;
import org.ipfeed.store.tiered.NodeState;
import org.ipfeed.store.tiered.OutboxStatus;
import org.ipfeed.store.tiered.TieredBlockStore;

/**
 * {@code GET /health}: whether this node can serve. The block store is probed with a read of a
 * block no one stores, which exercises the same path every request takes without touching data.
 */
public final class HealthHandler implements Handler<RoutingContext> {

  /** The sha2-256 raw CID of the bytes "ipfeed health probe": never stored by anyone. */
  private static final Cid PROBE = Cid.raw("ipfeed health probe".getBytes());

  private final BlockStore store;
  private final String storeKind;
  private final Supplier<JsonArray> peers;

  /**
   * @param peers each peer's state, as JSON, for operators and for tests that wait for a mesh
   */
  public HealthHandler(BlockStore store, String storeKind, Supplier<JsonArray> peers) {
    this.store = store;
    this.storeKind = storeKind;
    this.peers = peers;
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
              if (store instanceof TieredBlockStore tiered) {
                OutboxStatus box = tiered.status().outbox();
                if (box.node() != NodeState.NOT_CONFIGURED) {
                  // UNKNOWN until the first write reaches it; DOWN with writes waiting in the
                  // outbox, which catches up once the node is back.
                  storeState.put(
                      "ipfs",
                      new JsonObject()
                          .put("state", box.node().name().toLowerCase(java.util.Locale.ROOT))
                          .put("waiting", box.length()));
                }
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
                          .put("peers", peers.get())
                          .encode());
            });
  }
}
