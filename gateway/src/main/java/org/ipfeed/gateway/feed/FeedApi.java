package org.ipfeed.gateway.feed;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ipfeed.indexer.FeedIndex;
import org.ipfeed.indexer.PageRequest;
import org.ipfeed.indexer.SearchRequest;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * The reads a frontend needs, from the index: home timeline, author feed, hashtag feed, thread and
 * search. Paged with opaque cursors ({@code ?cursor=} from the previous page's {@code cursor});
 * {@code ?limit=} 1 to 100, default 50.
 *
 * <p>The index blocks, so every read, and the encoding of its JSON, runs on a pool of its own
 * ({@value #READERS}) with two threads per core. A read is CPU work over an index in the page
 * cache: more threads than that only share the same cores, hold more garbage at once and contend in
 * Lucene, and under load the requests then wait in the pool's queue, in order, instead.
 */
public final class FeedApi {

  static final int DEFAULT_LIMIT = 50;
  static final String READERS = "ipfeed-feed-readers";

  private final WorkerExecutor readers;
  private final FeedIndex index;

  public FeedApi(Vertx vertx, FeedIndex index) {
    this.readers =
        vertx.createSharedWorkerExecutor(READERS, 2 * Runtime.getRuntime().availableProcessors());
    this.index = index;
  }

  public void timeline(RoutingContext ctx) {
    Did viewer = requiredDid(ctx, "viewer");
    PageRequest page = page(ctx);
    answer(ctx, () -> FeedJson.page(index.homeTimeline(viewer, page), FeedJson::post));
  }

  public void authorFeed(RoutingContext ctx) {
    Did author = Did.parse(ctx.pathParam("did"));
    Optional<Did> viewer = optionalDid(ctx, "viewer");
    PageRequest page = page(ctx);
    answer(ctx, () -> FeedJson.page(index.authorFeed(author, viewer, page), FeedJson::post));
  }

  public void tagFeed(RoutingContext ctx) {
    String tag = ctx.pathParam("tag").toLowerCase(Locale.ROOT);
    Optional<Did> viewer = optionalDid(ctx, "viewer");
    PageRequest page = page(ctx);
    answer(ctx, () -> FeedJson.page(index.tagFeed(tag, viewer, page), FeedJson::post));
  }

  public void thread(RoutingContext ctx) {
    Cid cid = Cid.parse(ctx.pathParam("cid"));
    Optional<Did> viewer = optionalDid(ctx, "viewer");
    answer(
        ctx,
        () ->
            FeedJson.thread(
                index
                    .thread(cid, viewer)
                    .orElseThrow(
                        () ->
                            new NotFoundException(
                                "post-not-found", "no post " + cid + " is indexed here"))));
  }

  public void search(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    if (q == null || q.isBlank()) {
      throw new BadInputException("missing-query", "search needs ?q=");
    }
    String sort = Optional.ofNullable(ctx.queryParams().get("sort")).orElse("relevance");
    SearchRequest.Order order =
        switch (sort) {
          case "relevance" -> SearchRequest.Order.RELEVANCE;
          case "newest" -> SearchRequest.Order.NEWEST;
          default ->
              throw new BadInputException(
                  "invalid-sort", "sort must be relevance or newest, not " + sort);
        };
    SearchRequest request = new SearchRequest(q, order, optionalDid(ctx, "viewer"), page(ctx));
    answer(ctx, () -> FeedJson.page(index.search(request), FeedJson::hit));
  }

  private void answer(RoutingContext ctx, Callable<JsonObject> read) {
    readers
        .executeBlocking(() -> read.call().toBuffer(), false)
        .onFailure(ctx::fail)
        .onSuccess(
            (Buffer json) ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .end(json));
  }

  static PageRequest page(RoutingContext ctx) {
    String limitText = ctx.queryParams().get("limit");
    int limit = DEFAULT_LIMIT;
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
        throw new BadInputException(
            "invalid-limit", "limit must be 1.." + PageRequest.MAX_LIMIT + ", not " + limitText);
      }
    }
    return new PageRequest(limit, Optional.ofNullable(ctx.queryParams().get("cursor")));
  }

  private static Did requiredDid(RoutingContext ctx, String name) {
    return optionalDid(ctx, name)
        .orElseThrow(
            () -> new BadInputException("missing-" + name, "this read needs ?" + name + "=DID"));
  }

  private static Optional<Did> optionalDid(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Did.parse(value));
  }
}
