package org.ipfeed.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipfeed.gateway.IpfsBlockResponseTest.header;
import static org.ipfeed.gateway.IpfsBlockResponseTest.problem;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.codec.DagJson;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.KeyPair;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing through {@code POST /api/v1/entries}, against a real store, checked over HTTP. */
class EntriesApiTest {

  static final String CBOR = "application/vnd.ipld.dag-cbor";
  static final KeyPair ALICE = KeyPair.fromSeed(new byte[32]);
  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);

  @TempDir Path dir;
  GatewayHarness gw;

  @BeforeEach
  void start() {
    gw = new GatewayHarness(dir);
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  static SignedEntry post(EntryHeader header, String text) {
    return SignedEntry.sign(Post.of(header, text), ALICE);
  }

  static EntryHeader first() {
    return EntryHeader.first(ALICE.did(), T0);
  }

  HttpResponse<byte[]> submit(SignedEntry e) {
    return gw.post("/api/v1/entries", e.block(), CBOR);
  }

  boolean stored(Cid cid) {
    return GatewayHarness.await(gw.store.has(cid));
  }

  @Test
  void aNewEntryIsStoredAnd201AnswersWithItsCid() {
    SignedEntry e = post(first(), "hello from the API");

    HttpResponse<byte[]> r = submit(e);

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(header(r, "location")).isEqualTo("/api/v1/entries/" + e.cid());
    JsonObject body = json(r);
    assertThat(body.getString("cid")).isEqualTo(e.cid().toString());
    assertThat(body.getString("author")).isEqualTo(ALICE.did().toString());
    assertThat(body.getLong("seq")).isEqualTo(1);
    assertThat(body.getString("type")).isEqualTo("post");
    assertThat(gw.get("/ipfs/" + e.cid() + "?format=raw").body()).isEqualTo(e.block());
    assertThat(GatewayHarness.await(gw.store.isPinned(e.cid()))).isTrue();
  }

  @Test
  void submittingTwiceIsSafeAndAnswers200() {
    SignedEntry e = post(first(), "twice");

    assertThat(submit(e).statusCode()).isEqualTo(201);
    HttpResponse<byte[]> again = submit(e);

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).getString("cid")).isEqualTo(e.cid().toString());
  }

  @Test
  void dagJsonOfTheSameEntryIsTheSameEntry() {
    SignedEntry e = post(first(), "as DAG-JSON");
    byte[] json = DagJson.encode(DagCbor.decode(e.block()));

    HttpResponse<byte[]> r = gw.post("/api/v1/entries", json, "application/vnd.ipld.dag-json");

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(json(r).getString("cid")).isEqualTo(e.cid().toString());
  }

  @Test
  void getReturnsTheEntryAsJsonWithWhatAClientNeedsToVerifyIt() {
    SignedEntry e = post(first(), "read me back");
    submit(e);

    HttpResponse<byte[]> r = gw.get("/api/v1/entries/" + e.cid());

    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = json(r);
    assertThat(body.getJsonObject("entry").getString("text")).isEqualTo("read me back");
    assertThat(body.getJsonObject("entry").getJsonObject("sig").getJsonObject("/")).isNotNull();
    assertThat(body.getString("block")).isEqualTo("/ipfs/" + e.cid() + "?format=raw");
  }

  @Test
  void aLogGrowsOneEntryAtATime() {
    SignedEntry one = post(first(), "one");
    SignedEntry two =
        post(EntryHeader.after(one.entry().header(), one.cid(), T0.plusSeconds(1)), "two");

    assertThat(submit(one).statusCode()).isEqualTo(201);
    assertThat(submit(two).statusCode()).isEqualTo(201);
  }

  @Test
  void theAuthorsHeadIsWhereTheNextEntryGoes() {
    HttpResponse<byte[]> before = gw.get("/api/v1/authors/" + ALICE.did());
    SignedEntry one = post(first(), "one");
    submit(one);

    HttpResponse<byte[]> after = gw.get("/api/v1/authors/" + ALICE.did());

    assertThat(json(before).getValue("head")).isNull();
    JsonObject head = json(after).getJsonObject("head");
    assertThat(head.getLong("seq")).isEqualTo(1);
    assertThat(head.getString("cid")).isEqualTo(one.cid().toString());
    assertThat(gw.get("/api/v1/authors/did:key:nonsense").statusCode()).isEqualTo(400);
  }

  @Test
  void anEntryWhosePrevIsUnknownIs409AndNotStored() {
    SignedEntry one = post(first(), "never sent");
    SignedEntry two =
        post(EntryHeader.after(one.entry().header(), one.cid(), T0.plusSeconds(1)), "orphan");

    HttpResponse<byte[]> r = submit(two);

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(problem(r).getString("reason")).isEqualTo("unknown-prev");
    assertThat(stored(two.cid())).isFalse();
  }

  @Test
  void aSecondEntryAtTheSameSeqIsAForkAnd409() {
    SignedEntry one = post(first(), "root");
    EntryHeader second = EntryHeader.after(one.entry().header(), one.cid(), T0.plusSeconds(1));
    SignedEntry a = post(second, "branch a");
    SignedEntry b = post(second, "branch b");
    submit(one);
    submit(a);

    HttpResponse<byte[]> r = submit(b);

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(problem(r).getString("reason")).isEqualTo("log-fork");
    assertThat(stored(b.cid())).isFalse();
  }

  @Test
  void ofTwoCompetingEntriesSentAtOnceExactlyOneIsAccepted() throws Exception {
    SignedEntry one = post(first(), "root");
    submit(one);
    EntryHeader second = EntryHeader.after(one.entry().header(), one.cid(), T0.plusSeconds(1));
    java.util.List<SignedEntry> rivals = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      rivals.add(post(second, "rival " + i));
    }

    java.util.List<java.util.concurrent.Future<HttpResponse<byte[]>>> answers =
        new java.util.ArrayList<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      for (SignedEntry rival : rivals) {
        answers.add(pool.submit(() -> submit(rival)));
      }
      java.util.List<Integer> statuses = new java.util.ArrayList<>();
      for (var answer : answers) {
        statuses.add(answer.get().statusCode());
      }

      assertThat(statuses).containsOnly(201, 409);
      assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
      assertThat(rivals.stream().filter(r -> stored(r.cid()))).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void forksAreStillSeenAfterARestart() {
    SignedEntry one = post(first(), "before the restart");
    EntryHeader second = EntryHeader.after(one.entry().header(), one.cid(), T0.plusSeconds(1));
    submit(one);
    submit(post(second, "a"));
    gw.close();
    gw = new GatewayHarness(dir);

    HttpResponse<byte[]> r = submit(post(second, "b"));

    assertThat(problem(r).getString("reason")).isEqualTo("log-fork");
  }

  @Test
  void aPrevByAnotherAuthorIsABrokenLog() {
    KeyPair bob = KeyPair.fromSeed(filled(7));
    SignedEntry bobs = SignedEntry.sign(Post.of(EntryHeader.first(bob.did(), T0), "bob's"), bob);
    submit(bobs);
    SignedEntry stolen =
        post(new EntryHeader(ALICE.did(), 2, java.util.Optional.of(bobs.cid()), T0), "mine?");

    HttpResponse<byte[]> r = submit(stolen);

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(problem(r).getString("reason")).isEqualTo("broken-log");
  }

  @Test
  void aFlippedSignatureBitIs422AndNotStored() {
    SignedEntry e = post(first(), "tampered");
    byte[] bytes = e.block();
    bytes[indexOf(bytes, e.signature()) + 10] ^= 1;

    HttpResponse<byte[]> r = gw.post("/api/v1/entries", bytes, CBOR);

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(problem(r).getString("reason")).isEqualTo("bad-signature");
    assertThat(stored(Cid.dagCbor(bytes))).isFalse();
  }

  @Test
  void anEntryFromTheFutureIs422() {
    SignedEntry e =
        post(
            EntryHeader.first(
                ALICE.did(), Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MILLIS)),
            "later");

    HttpResponse<byte[]> r = submit(e);

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(problem(r).getString("reason")).isEqualTo("from-the-future");
  }

  @Test
  void bytesThatAreNotStrictDagCborAre400WithTheRule() {
    HttpResponse<byte[]> r = gw.post("/api/v1/entries", new byte[] {(byte) 0xa1, 0x01, 0x02}, CBOR);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(problem(r).getString("detail")).contains("map keys must be strings");
  }

  @Test
  void validDagCborThatIsNotAnEntryIs422() {
    byte[] notAnEntry = DagCbor.encode(Ipld.map().put("hello", "world").build());

    HttpResponse<byte[]> r = gw.post("/api/v1/entries", notAnEntry, CBOR);

    assertThat(r.statusCode()).isEqualTo(422);
  }

  @Test
  void aBodyOverTheLimitIs413() {
    byte[] huge = new byte[3 * 1024 * 1024];
    Arrays.fill(huge, (byte) 0x61);

    HttpResponse<byte[]> r = gw.post("/api/v1/entries", huge, CBOR);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(header(r, "content-type")).isEqualTo("application/problem+json");
  }

  @Test
  void anotherMediaTypeIs415() {
    HttpResponse<byte[]> r =
        gw.post("/api/v1/entries", "hello".getBytes(StandardCharsets.UTF_8), "text/plain");

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(problem(r).getString("reason")).isEqualTo("unsupported-media-type");
  }

  @Test
  void aBlockThatIsNotAnEntryIsNotServedAsOne() {
    Cid raw =
        GatewayHarness.await(
            gw.store.put(new byte[] {1, 2, 3}, org.ipfeed.schema.multiformats.Multicodec.RAW));

    HttpResponse<byte[]> r = gw.get("/api/v1/entries/" + raw);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(problem(r).getString("reason")).isEqualTo("not-an-entry");
  }

  static JsonObject json(HttpResponse<byte[]> r) {
    assertThat(header(r, "content-type")).isEqualTo("application/json");
    return new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  static byte[] filled(int value) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
