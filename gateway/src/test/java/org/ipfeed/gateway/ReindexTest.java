package org.ipfeed.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ipfeed.schema.entry.Follow;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.store.Block;
import org.ipfeed.store.local.LocalBlockStore;
import org.ipfeed.store.local.LocalStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index and the heads, rebuilt from nothing but the block store. */
class ReindexTest {

  @TempDir Path dir;
  final SigningAuthor alice = new SigningAuthor(1);
  final SigningAuthor bob = new SigningAuthor(2);

  static void publish(GatewayHarness gw, SignedEntry e) {
    assertThat(gw.post("/api/v1/entries", e.block(), "application/vnd.ipld.dag-cbor").statusCode())
        .isEqualTo(201);
  }

  @Test
  void aLostIndexAndLostHeadsComeBackFromThePinnedEntries() throws Exception {
    List<SignedEntry> posts = new ArrayList<>();
    try (GatewayHarness gw = new GatewayHarness(dir)) {
      for (int i = 1; i <= 30; i++) {
        SignedEntry e = alice.post("entry " + i + " about rebuilding");
        publish(gw, e);
        posts.add(e);
      }
      publish(gw, bob.next(h -> new Follow(h, alice.key.did())));
      // A pinned block that is not an entry is skipped, not an error.
      GatewayHarness.await(
          gw.store.putPinned(
              Block.of(
                  "an embedded picture".getBytes(),
                  org.ipfeed.schema.multiformats.Multicodec.RAW)));
    }
    Gateway.deleteTree(dir.resolve("index"));
    Files.delete(dir.resolve("heads.tsv"));

    List<Reindex.Progress> seen = new ArrayList<>();
    Reindex.Result result;
    try (var harness = new StoreOnly(dir)) {
      result = Reindex.run(harness.vertx, harness.store, dir, seen::add);
    }

    assertThat(result.authors()).isEqualTo(2);
    assertThat(result.entries()).isEqualTo(31);
    assertThat(result.blocksSkipped()).isEqualTo(1);
    assertThat(seen).last().isEqualTo(new Reindex.Progress("indexing", 31, 31));
    assertThat(seen).anyMatch(p -> p.phase().equals("scanning") && p.done() == p.total());
    try (GatewayHarness gw = new GatewayHarness(dir)) {
      JsonObject timeline = json(gw, "/api/v1/timeline?viewer=" + bob.key.did() + "&limit=50");
      assertThat(timeline.getJsonArray("items")).hasSize(30);
      JsonObject head = json(gw, "/api/v1/authors/" + alice.key.did()).getJsonObject("head");
      assertThat(head.getLong("seq")).isEqualTo(30);
      assertThat(head.getString("cid")).isEqualTo(posts.get(29).cid().toString());
      // The log goes on from the rebuilt head.
      publish(gw, alice.post("after the rebuild"));
    }
  }

  static JsonObject json(GatewayHarness gw, String path) {
    var r = gw.get(path);
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
  }

  /** The store alone, as {@code ipfeed reindex} opens it. */
  static final class StoreOnly implements AutoCloseable {
    final io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    final LocalBlockStore store;

    StoreOnly(Path dir) {
      store =
          GatewayHarness.await(
              LocalBlockStore.open(vertx, LocalStoreConfig.defaults(dir.resolve("blocks"))));
    }

    @Override
    public void close() {
      GatewayHarness.await(store.close());
      GatewayHarness.await(vertx.close());
    }
  }
}
