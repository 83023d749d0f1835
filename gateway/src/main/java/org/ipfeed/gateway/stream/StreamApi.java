package org.ipfeed.gateway.stream;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.ipfeed.schema.entry.SignedEntry;

/**
 * {@code GET /api/v1/stream}: Server-Sent Events, one {@code entry} event per entry stored for the
 * first time that the query's filter matches, and a comment line every {@link #KEEP_ALIVE} so that
 * proxies and clients can tell a quiet stream from a dead one.
 *
 * <pre>
 * event: entry
 * id: bafyrei...
 * data: {"cid":"bafyrei...","author":"did:key:z6Mk...","seq":7,"type":"post"}
 * </pre>
 */
public final class StreamApi {

  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final Announcements announcements;

  public StreamApi(Vertx vertx, Announcements announcements) {
    this.vertx = vertx;
    this.announcements = announcements;
  }

  public void stream(RoutingContext ctx) {
    StreamFilter filter =
        StreamFilter.parse(
            ctx.queryParam("author"), ctx.queryParam("tag"), ctx.queryParam("community"));
    HttpServerResponse response =
        ctx.response()
            .setChunked(true)
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            // nginx and similar proxies buffer responses unless told not to.
            .putHeader("X-Accel-Buffering", "no");
    // Sends the headers now: a subscriber knows it is connected before the first event.
    response.write(": ipfeed live stream\n\n");
    Context context = vertx.getOrCreateContext();
    Announcements.Subscription subscription =
        announcements.subscribe(context, filter, entry -> send(response, entry));
    long keepAlive =
        vertx.setPeriodic(
            KEEP_ALIVE.toMillis(),
            id -> {
              if (!response.closed()) {
                response.write(": keep-alive\n\n");
              }
            });
    response.closeHandler(
        closed -> {
          subscription.cancel();
          vertx.cancelTimer(keepAlive);
        });
  }

  private static void send(HttpServerResponse response, SignedEntry entry) {
    if (response.closed() || response.ended()) {
      return;
    }
    if (response.writeQueueFull()) {
      // A subscriber this far behind would hold ever more memory; it reconnects and catches up
      // from the head endpoint instead.
      response.reset();
      return;
    }
    response.write(event(entry));
  }

  /** One event, as the stream writes it. */
  static String event(SignedEntry entry) {
    JsonObject data =
        new JsonObject()
            .put("cid", entry.cid().toString())
            .put("author", entry.entry().author().toString())
            .put("seq", entry.entry().seq())
            .put("type", entry.type().wireName());
    return "event: entry\nid: " + entry.cid() + "\ndata: " + data.encode() + "\n\n";
  }
}
