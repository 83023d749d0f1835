package org.ipfeed.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.ipfeed.schema.entry.Follow;
import org.ipfeed.schema.entry.SignedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateways on loopback, each with its own store and index, following authors through each other:
 * heads learned from a peer's live stream and head endpoint, blocks fetched through its trustless
 * endpoint, every entry checked by the follower's own ingest.
 */
class FollowPeersTest {

  /** How soon a post must show on a following node: the convergence target. */
  static final Duration CONVERGE = Duration.ofSeconds(2);

  /** Polling so rare that only the live stream can deliver within the test. */
  static final Duration NO_POLLING = Duration.ofMinutes(30);

  @TempDir Path dir;
  final List<GatewayHarness> nodes = new ArrayList<>();
  final SigningAuthor alice = new SigningAuthor(1);
  final SigningAuthor bob = new SigningAuthor(2);

  GatewayHarness node(String name, UnaryOperator<GatewayConfig> tweak) {
    GatewayHarness n = new GatewayHarness(dir.resolve(name), tweak);
    nodes.add(n);
    return n;
  }

  static URI base(GatewayHarness n) {
    return URI.create("http://127.0.0.1:" + n.gateway.port());
  }

  @AfterEach
  void stop() {
    nodes.forEach(GatewayHarness::close);
  }

  static void publish(GatewayHarness n, SignedEntry e) {
    HttpResponse<byte[]> r = n.post("/api/v1/entries", e.block(), "application/vnd.ipld.dag-cbor");
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
  }

  static JsonObject read(GatewayHarness n, String pathAndQuery) {
    HttpResponse<byte[]> r = n.get(pathAndQuery);
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
  }

  /** Reads until {@code done} holds or {@code within} has passed; answers the last answer. */
  static JsonObject until(
      GatewayHarness n, String pathAndQuery, Predicate<JsonObject> done, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    JsonObject last;
    do {
      last = read(n, pathAndQuery);
      if (done.test(last)) {
        return last;
      }
      sleep(20);
    } while (System.nanoTime() < deadline);
    assertThat(done.test(last)).as(pathAndQuery + " within " + within + ": " + last).isTrue();
    return last;
  }

  static Predicate<JsonObject> headAt(long seq) {
    return j -> j.getJsonObject("head") != null && j.getJsonObject("head").getLong("seq") == seq;
  }

  static Predicate<JsonObject> items(int count) {
    return j -> j.getJsonArray("items").size() == count;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void awaitStreams(GatewayHarness n, int subscribers) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (n.gateway.streamSubscribers() < subscribers && System.nanoTime() < deadline) {
      sleep(10);
    }
    assertThat(n.gateway.streamSubscribers()).isGreaterThanOrEqualTo(subscribers);
  }

  @Test
  void aFollowedAuthorsPostsReachTheOtherNodesThroughTheLiveStreamWithinTwoSeconds() {
    GatewayHarness a = node("a", c -> c);
    String authorPath = "/api/v1/authors/" + alice.key.did();
    GatewayHarness b =
        node(
            "b",
            c ->
                c.withPeers(List.of(base(a)))
                    .withFollow(Set.of(alice.key.did()))
                    .withPollEvery(NO_POLLING));
    GatewayHarness c =
        node(
            "c",
            cfg ->
                cfg.withPeers(List.of(base(a), base(b)))
                    .withFollow(Set.of(alice.key.did()))
                    .withPollEvery(NO_POLLING));
    awaitStreams(a, 2);
    awaitStreams(b, 1);

    List<SignedEntry> posted = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      SignedEntry e = alice.post("post " + i + " about gardening");
      publish(a, e);
      posted.add(e);
      for (GatewayHarness follower : List.of(b, c)) {
        until(follower, authorPath, headAt(i), CONVERGE);
      }
    }

    for (GatewayHarness follower : List.of(b, c)) {
      JsonArray feed =
          until(follower, authorPath + "/feed", items(3), CONVERGE).getJsonArray("items");
      assertThat(feed.getJsonObject(0).getString("cid")).isEqualTo(posted.get(2).cid().toString());
      until(follower, "/api/v1/search?q=gardening", items(3), CONVERGE);
      for (SignedEntry e : posted) {
        // Pinned: part of the log, kept by GC, served to others.
        assertThat(GatewayHarness.await(follower.store.isPinned(e.cid()))).isTrue();
        HttpResponse<byte[]> raw = follower.get("/ipfs/" + e.cid() + "?format=raw");
        assertThat(raw.body()).isEqualTo(e.block());
      }
    }
  }

  @Test
  void aUsersNewFollowFetchesTheAuthorsWholeLogAndFillsTheirTimeline() {
    GatewayHarness a = node("a", c -> c);
    for (int i = 1; i <= 5; i++) {
      publish(a, alice.post("earlier post " + i));
    }
    GatewayHarness b = node("b", c -> c.withPeers(List.of(base(a))).withPollEvery(NO_POLLING));
    assertThat(read(b, "/api/v1/authors/" + alice.key.did()).getValue("head")).isNull();

    publish(b, bob.next(h -> new Follow(h, alice.key.did())));

    until(b, "/api/v1/authors/" + alice.key.did(), headAt(5), CONVERGE);
    JsonArray timeline =
        until(b, "/api/v1/timeline?viewer=" + bob.key.did(), items(5), CONVERGE)
            .getJsonArray("items");
    assertThat(timeline.getJsonObject(0).getString("text")).isEqualTo("earlier post 5");
  }

  @Test
  void polledHeadsCatchUpWhatWasPostedBeforeTheStreamConnected() {
    GatewayHarness a = node("a", c -> c);
    publish(a, alice.post("before anyone followed"));
    GatewayHarness b =
        node(
            "b",
            c ->
                c.withPeers(List.of(base(a)))
                    .withFollow(Set.of(alice.key.did()))
                    .withPollEvery(Duration.ofMillis(200)));

    until(b, "/api/v1/authors/" + alice.key.did(), headAt(1), Duration.ofSeconds(5));
  }

  @Test
  void aForkSeenAtAPeerIsReportedAndTheLogThisNodeAcceptedIsKept() {
    GatewayHarness a = node("a", c -> c);
    GatewayHarness d = node("d", c -> c);
    for (int i = 1; i <= 2; i++) {
      SignedEntry e = alice.post("shared " + i);
      publish(a, e);
      publish(d, e);
    }
    SigningAuthor rival = alice.fork();
    SignedEntry ours = alice.post("the third post, as a saw it");
    publish(a, ours);
    GatewayHarness b =
        node(
            "b",
            c ->
                c.withPeers(List.of(base(a), base(d)))
                    .withFollow(Set.of(alice.key.did()))
                    .withPollEvery(NO_POLLING));
    until(b, "/api/v1/authors/" + alice.key.did(), headAt(3), Duration.ofSeconds(5));
    awaitStreams(d, 1);

    SignedEntry theirs = rival.post("the third post, as d saw it");
    publish(d, theirs);
    publish(d, rival.post("and a fourth on top of it"));

    JsonObject author =
        until(
            b,
            "/api/v1/authors/" + alice.key.did(),
            j -> !j.getJsonArray("forks").isEmpty(),
            Duration.ofSeconds(5));
    JsonObject fork = author.getJsonArray("forks").getJsonObject(0);
    assertThat(fork.getLong("seq")).isEqualTo(3);
    assertThat(fork.getString("ours")).isEqualTo(ours.cid().toString());
    assertThat(fork.getString("theirs")).isEqualTo(theirs.cid().toString());
    assertThat(fork.getString("peer")).isEqualTo(base(d).toString());
    assertThat(author.getJsonObject("head").getString("cid")).isEqualTo(ours.cid().toString());
    assertThat(GatewayHarness.await(b.store.isPinned(theirs.cid()))).isFalse();
  }
}
