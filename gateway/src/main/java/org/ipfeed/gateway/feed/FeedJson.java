package org.ipfeed.gateway.feed;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.ipfeed.indexer.Page;
import org.ipfeed.indexer.PostView;
import org.ipfeed.indexer.SearchHit;
import org.ipfeed.indexer.ThreadView;

/**
 * The index's views as JSON. Every post carries its CID and author and the address of its block, so
 * a client can fetch the block and verify the signature rather than trust this gateway.
 */
final class FeedJson {

  private FeedJson() {}

  static JsonObject post(PostView p) {
    JsonObject json =
        new JsonObject()
            .put("id", p.id().toString())
            .put("cid", p.cid().toString())
            .put("author", p.author().toString())
            .put("seq", p.seq())
            .put("createdAt", p.createdAt().toString())
            .put("text", p.text())
            .put("tags", new JsonArray(p.tags()))
            .put("langs", new JsonArray(p.langs()))
            .put("edited", p.edited())
            .put("likes", p.likes())
            .put("reposts", p.reposts())
            .put("replies", p.replies())
            .put("block", "/ipfs/" + p.cid() + "?format=raw");
    p.replyRoot()
        .ifPresent(
            root ->
                json.put(
                    "reply",
                    new JsonObject()
                        .put("root", root.toString())
                        .put("parent", p.replyParent().map(Object::toString).orElse(null))));
    p.community().ifPresent(c -> json.put("community", c.toString()));
    return json;
  }

  static JsonObject hit(SearchHit h) {
    return new JsonObject()
        .put("post", post(h.post()))
        .put("score", h.score())
        .put("snippet", h.snippet());
  }

  static JsonObject thread(ThreadView t) {
    JsonArray replies = new JsonArray();
    t.replies()
        .forEach(
            r -> replies.add(new JsonObject().put("depth", r.depth()).put("post", post(r.post()))));
    return new JsonObject().put("root", post(t.root())).put("replies", replies);
  }

  static <T> JsonObject page(Page<T> page, Function<T, JsonObject> item) {
    JsonArray items = new JsonArray();
    page.items().forEach(i -> items.add(item.apply(i)));
    return new JsonObject().put("items", items).put("cursor", page.next().orElse(null));
  }
}
