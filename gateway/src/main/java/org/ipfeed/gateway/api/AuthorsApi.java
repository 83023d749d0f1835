package org.ipfeed.gateway.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.ipfeed.gateway.follow.Fork;
import org.ipfeed.gateway.follow.Forks;
import org.ipfeed.gateway.ingest.LogHeads;
import org.ipfeed.schema.identity.Did;

/**
 * {@code GET /api/v1/authors/{did}}: what this node knows of an author's log, so a client can write
 * the next entry ({@code seq} + 1, {@code prev} = head), and the forks of that log this node has
 * seen (two signed entries with one {@code seq}). An author this node has never seen is not an
 * error: the answer has no head, and the client starts at seq 1.
 */
public final class AuthorsApi {

  private final LogHeads heads;
  private final Forks forks;

  public AuthorsApi(LogHeads heads, Forks forks) {
    this.heads = heads;
    this.forks = forks;
  }

  public void get(RoutingContext ctx) {
    Did did = Did.parse(ctx.pathParam("did"));
    JsonObject body = new JsonObject().put("did", did.toString());
    heads
        .get(did)
        .ifPresentOrElse(
            h ->
                body.put(
                    "head", new JsonObject().put("seq", h.seq()).put("cid", h.cid().toString())),
            () -> body.putNull("head"));
    JsonArray seen = new JsonArray();
    for (Fork f : forks.of(did)) {
      seen.add(
          new JsonObject()
              .put("seq", f.seq())
              .put("ours", f.ours().toString())
              .put("theirs", f.theirs().toString())
              .put("peer", f.peer().toString())
              .put("seen", f.seen().toString()));
    }
    body.put("forks", seen);
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .end(body.encode());
  }
}
