package org.ipfeed.gateway.follow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.ipfeed.gateway.ingest.Head;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * What this node asks of one peer gateway besides blocks: an author's head, and the live stream.
 * Answers are hints (a CID to fetch, a {@code seq} to expect); nothing here is trusted further.
 */
final class PeerClient {

  /** An entry a peer announced. */
  record Announcement(Did author, long seq, Cid cid) {}

  /** An open stream; {@code ended} completes when it stops, for whatever reason. */
  record Stream(Future<Void> ended, HttpClientResponse response) {}

  private static final int MAX_HEAD_BYTES = 64 * 1024;

  private final URI base;
  private final HttpClient client;
  private final Duration timeout;

  PeerClient(URI base, HttpClient client, Duration timeout) {
    this.base = base;
    this.client = client;
    this.timeout = timeout;
  }

  URI base() {
    return base;
  }

  /** The author's head as the peer knows it; empty when it knows no entry of theirs. */
  Future<Optional<Head>> head(Did author) {
    String url =
        base.resolve(
                "/api/v1/authors/" + URLEncoder.encode(author.toString(), StandardCharsets.UTF_8))
            .toString();
    return client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(url)
                .setTimeout(timeout.toMillis())
                .addHeader("Accept", "application/json"))
        .compose(request -> request.send())
        .compose(
            response -> {
              if (response.statusCode() != 200) {
                return Future.failedFuture(
                    new UpstreamException(
                        "peer-error",
                        "peer " + base + " answered " + response.statusCode() + " for " + url));
              }
              return response.body();
            })
        .map(
            body -> {
              if (body.length() > MAX_HEAD_BYTES) {
                throw new UpstreamException("peer-error", "peer " + base + ": head answer too big");
              }
              JsonObject head = new JsonObject(body).getJsonObject("head");
              if (head == null) {
                return Optional.<Head>empty();
              }
              return Optional.of(new Head(head.getLong("seq"), Cid.parse(head.getString("cid"))));
            });
  }

  /**
   * Opens the peer's live stream; every announcement it makes goes to {@code onEntry} (malformed
   * events are skipped). The future succeeds once the peer has answered 200.
   */
  Future<Stream> stream(Consumer<Announcement> onEntry) {
    return client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(base.resolve("/api/v1/stream").toString())
                .setConnectTimeout(timeout.toMillis())
                // Two missed keep-alives mean the peer or the path to it is gone.
                .setIdleTimeout(45_000)
                .addHeader("Accept", "text/event-stream"))
        .compose(request -> request.send())
        .compose(
            response -> {
              if (response.statusCode() != 200) {
                response.request().connection().close();
                return Future.failedFuture(
                    new UpstreamException(
                        "peer-error",
                        "peer " + base + " answered " + response.statusCode() + " for its stream"));
              }
              Promise<Void> ended = Promise.promise();
              SseParser parser = new SseParser(event -> announce(event, onEntry));
              response.handler(buffer -> parser.feed(buffer.getBytes()));
              response.exceptionHandler(ended::tryFail);
              response.endHandler(v -> ended.tryComplete());
              response.request().connection().closeHandler(v -> ended.tryComplete());
              return Future.succeededFuture(new Stream(ended.future(), response));
            });
  }

  private static void announce(SseParser.Event event, Consumer<Announcement> onEntry) {
    if (!event.event().equals("entry")) {
      return;
    }
    try {
      JsonObject data = new JsonObject(event.data());
      onEntry.accept(
          new Announcement(
              Did.parse(data.getString("author")),
              data.getLong("seq"),
              Cid.parse(data.getString("cid"))));
    } catch (RuntimeException malformed) {
      // A hint we cannot read is a hint we do without: polling finds the head anyway.
    }
  }
}
