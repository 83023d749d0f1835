package org.ipfeed.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipfeed.gateway.IpfsBlockResponseTest.problem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.ipfeed.schema.entry.Entry;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.Follow;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.entry.Tombstone;
import org.ipfeed.schema.identity.KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries published over HTTP show up in timelines, feeds, threads and search, read over HTTP from
 * the real index on disk.
 */
class FeedApiTest {

  @TempDir Path dir;
  GatewayHarness gw;
  final Author alice = new Author(1);
  final Author bob = new Author(2);

  /** One author's log, signed here as a client would. */
  final class Author {
    final KeyPair key;
    EntryHeader last;
    Instant clock = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);

    Author(int seed) {
      byte[] s = new byte[32];
      s[0] = (byte) seed;
      key = KeyPair.fromSeed(s);
    }

    SignedEntry publish(Function<EntryHeader, Entry> make) {
      clock = clock.plusSeconds(1);
      EntryHeader h =
          last == null
              ? EntryHeader.first(key.did(), clock)
              : EntryHeader.after(last, lastCid, clock);
      SignedEntry e = SignedEntry.sign(make.apply(h), key);
      HttpResponse<byte[]> r =
          gw.post("/api/v1/entries", e.block(), "application/vnd.ipld.dag-cbor");
      assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
      last = h;
      lastCid = e.cid();
      return e;
    }

    org.ipfeed.schema.multiformats.Cid lastCid;

    SignedEntry post(String text) {
      return publish(h -> Post.of(h, text));
    }
  }

  @BeforeEach
  void start() {
    gw = new GatewayHarness(dir);
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  JsonObject read(String pathAndQuery) {
    HttpResponse<byte[]> r = gw.get(pathAndQuery);
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
  }

  /** Polls until the read has {@code count} items: new posts are searchable within a second. */
  JsonArray itemsEventually(String pathAndQuery, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonArray items;
    do {
      items = read(pathAndQuery).getJsonArray("items");
      if (items.size() == count) {
        return items;
      }
      Thread.onSpinWait();
    } while (System.nanoTime() < deadline);
    assertThat(items.size()).as(pathAndQuery).isEqualTo(count);
    return items;
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void aFollowedAuthorsPostsFillTheTimelineNewestFirstWithWhatAClientNeedsToVerifyThem() {
    bob.publish(h -> new Follow(h, alice.key.did()));
    SignedEntry first = alice.post("first light over the harbour");
    SignedEntry second =
        alice.publish(h -> Post.of(h, "second cup of coffee").withTags(List.of("morning")));

    JsonArray items = itemsEventually("/api/v1/timeline?viewer=" + bob.key.did(), 2);

    JsonObject newest = items.getJsonObject(0);
    assertThat(newest.getString("cid")).isEqualTo(second.cid().toString());
    assertThat(newest.getString("author")).isEqualTo(alice.key.did().toString());
    assertThat(newest.getString("block")).isEqualTo("/ipfs/" + second.cid() + "?format=raw");
    assertThat(newest.getJsonArray("tags").getList()).containsExactly("morning");
    assertThat(items.getJsonObject(1).getString("cid")).isEqualTo(first.cid().toString());
  }

  @Test
  void cursorsPageWithoutGapsOrDuplicates() {
    bob.publish(h -> new Follow(h, alice.key.did()));
    List<String> posted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      posted.add(0, alice.post("post number " + i).cid().toString());
    }
    itemsEventually("/api/v1/timeline?viewer=" + bob.key.did(), 5);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page =
          read(
              "/api/v1/timeline?limit=2&viewer="
                  + bob.key.did()
                  + (cursor == null ? "" : "&cursor=" + q(cursor)));
      page.getJsonArray("items").forEach(i -> seen.add(((JsonObject) i).getString("cid")));
      cursor = page.getString("cursor");
    } while (cursor != null && seen.size() < 10);

    assertThat(seen).containsExactlyElementsOf(posted);
  }

  @Test
  void searchFindsWordsAndHighlightsThem() {
    alice.post("the quick brown fox jumps");
    alice.post("a lazy dog sleeps");

    JsonArray hits = itemsEventually("/api/v1/search?q=" + q("brown fox"), 1);

    assertThat(hits.getJsonObject(0).getString("snippet")).contains("<mark>brown</mark>");
    assertThat(itemsEventually("/api/v1/search?sort=newest&q=" + q("from:" + alice.key.did()), 2))
        .hasSize(2);
  }

  @Test
  void threadsTagsAndAuthorFeeds() {
    SignedEntry root =
        alice.publish(h -> Post.of(h, "what is your favourite bird?").withTags(List.of("bird")));
    bob.publish(h -> Post.of(h, "the wren").withReply(new Post.Reply(root.cid(), root.cid())));

    JsonObject thread = readEventually("/api/v1/threads/" + root.cid(), 1);
    JsonArray tagged = itemsEventually("/api/v1/tags/bird", 1);
    JsonArray feed = itemsEventually("/api/v1/authors/" + bob.key.did() + "/feed", 1);

    assertThat(thread.getJsonObject("root").getString("cid")).isEqualTo(root.cid().toString());
    assertThat(
            thread.getJsonArray("replies").getJsonObject(0).getJsonObject("post").getString("text"))
        .isEqualTo("the wren");
    assertThat(tagged.getJsonObject(0).getString("cid")).isEqualTo(root.cid().toString());
    assertThat(feed.getJsonObject(0).getString("text")).isEqualTo("the wren");
  }

  JsonObject readEventually(String path, int replies) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      HttpResponse<byte[]> r = gw.get(path);
      if (r.statusCode() == 200) {
        JsonObject t = new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
        if (t.getJsonArray("replies").size() == replies || System.nanoTime() > deadline) {
          return t;
        }
      } else if (System.nanoTime() > deadline) {
        throw new AssertionError(path + ": HTTP " + r.statusCode());
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void aDeletedPostLeavesTheTimeline() {
    bob.publish(h -> new Follow(h, alice.key.did()));
    SignedEntry gone = alice.post("regrettable");
    alice.post("fine");
    itemsEventually("/api/v1/timeline?viewer=" + bob.key.did(), 2);

    alice.publish(h -> new Tombstone(h, gone.cid()));

    assertThat(
            itemsEventually("/api/v1/timeline?viewer=" + bob.key.did(), 1)
                .getJsonObject(0)
                .getString("text"))
        .isEqualTo("fine");
  }

  @Test
  void anIndexLostWhileStoppedIsRebuiltFromTheStoreAtStart() throws IOException {
    bob.publish(h -> new Follow(h, alice.key.did()));
    alice.post("one");
    alice.post("two");
    itemsEventually("/api/v1/timeline?viewer=" + bob.key.did(), 2);
    gw.close();
    try (Stream<Path> files = Files.walk(dir.resolve("index"))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    gw = new GatewayHarness(dir);

    assertThat(itemsEventually("/api/v1/timeline?viewer=" + bob.key.did(), 2)).hasSize(2);
  }

  @Test
  void anIndexOfAnotherFormatIsRebuiltFromTheStoreAtStart() throws IOException {
    bob.publish(h -> new Follow(h, alice.key.did()));
    alice.post("written by an older version");
    itemsEventually("/api/v1/timeline?viewer=" + bob.key.did(), 1);
    gw.close();
    try (var directory = org.apache.lucene.store.FSDirectory.open(dir.resolve("index"));
        var writer =
            new org.apache.lucene.index.IndexWriter(
                directory, new org.apache.lucene.index.IndexWriterConfig())) {
      writer.setLiveCommitData(java.util.Map.of("ipfeed.index.format", "0").entrySet());
      writer.commit();
    }

    gw = new GatewayHarness(dir);

    assertThat(itemsEventually("/api/v1/timeline?viewer=" + bob.key.did(), 1)).hasSize(1);
  }

  @Test
  void aMalformedCursorIsRefusedEvenWhenThereIsNothingToPage() {
    HttpResponse<byte[]> r = gw.get("/api/v1/timeline?viewer=" + bob.key.did() + "&cursor=garbage");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(problem(r).getString("reason")).isEqualTo("invalid-cursor");
  }

  @Test
  void badReadsAreProblems() {
    bob.post("something to page through");
    itemsEventually("/api/v1/timeline?viewer=" + bob.key.did(), 1);

    assertThat(problem(gw.get("/api/v1/timeline")).getString("reason")).isEqualTo("missing-viewer");
    assertThat(
            problem(gw.get("/api/v1/timeline?limit=0&viewer=" + bob.key.did())).getString("reason"))
        .isEqualTo("invalid-limit");
    assertThat(problem(gw.get("/api/v1/search?q=" + q("\"unclosed"))).getString("reason"))
        .isEqualTo("invalid-query");
    assertThat(problem(gw.get("/api/v1/search?q=x&sort=random")).getString("reason"))
        .isEqualTo("invalid-sort");
    assertThat(gw.get("/api/v1/timeline?viewer=" + bob.key.did() + "&cursor=garbage").statusCode())
        .isEqualTo(400);
  }
}
