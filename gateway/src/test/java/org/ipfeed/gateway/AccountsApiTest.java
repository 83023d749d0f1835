package org.ipfeed.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ipfeed.gateway.IpfsBlockResponseTest.header;
import static org.ipfeed.gateway.IpfsBlockResponseTest.problem;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.ipfeed.schema.car.CarBlock;
import org.ipfeed.schema.car.CarReader;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.KeyPair;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An account moves between two gateways as one CAR file. */
class AccountsApiTest {

  static final KeyPair ALICE = KeyPair.fromSeed(new byte[32]);

  @TempDir Path dir;
  GatewayHarness from;
  GatewayHarness to;
  List<SignedEntry> log;
  Cid picture;

  @BeforeEach
  void start() {
    from = new GatewayHarness(dir.resolve("a"));
    to = new GatewayHarness(dir.resolve("b"));
    picture = GatewayHarness.await(from.store.put(new byte[] {9, 8, 7}, Multicodec.RAW));
    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
    EntryHeader h1 = EntryHeader.first(ALICE.did(), t);
    SignedEntry one = SignedEntry.sign(Post.of(h1, "one"), ALICE);
    EntryHeader h2 = EntryHeader.after(h1, one.cid(), t.plusSeconds(1));
    SignedEntry two =
        SignedEntry.sign(Post.of(h2, "two, with a picture").withEmbeds(List.of(picture)), ALICE);
    EntryHeader h3 = EntryHeader.after(h2, two.cid(), t.plusSeconds(2));
    SignedEntry three = SignedEntry.sign(Post.of(h3, "three"), ALICE);
    log = List.of(one, two, three);
    for (SignedEntry e : log) {
      assertThat(
              from.post("/api/v1/entries", e.block(), "application/vnd.ipld.dag-cbor").statusCode())
          .isEqualTo(201);
    }
  }

  @AfterEach
  void stop() {
    from.close();
    to.close();
  }

  @Test
  void exportHoldsTheWholeLogAndItsEmbedsNewestFirst() throws Exception {
    HttpResponse<byte[]> car = from.get("/api/v1/authors/" + ALICE.did() + "/export");

    assertThat(car.statusCode()).isEqualTo(200);
    assertThat(header(car, "content-type")).startsWith("application/vnd.ipld.car");
    CarReader reader = CarReader.open(new ByteArrayInputStream(car.body()));
    assertThat(reader.roots()).containsExactly(log.get(2).cid());
    assertThat(reader.blocks().map(CarBlock::cid).toList())
        .containsExactly(log.get(2).cid(), log.get(1).cid(), picture, log.get(0).cid());
  }

  @Test
  void anExportThatCannotFinishBreaksOffInsteadOfLookingWhole() {
    // The export streams; a block missing in the middle of the log is found after the 200 went out.
    GatewayHarness.await(from.store.unpin(log.get(1).cid()));
    GatewayHarness.await(from.store.delete(log.get(1).cid()));

    assertThatThrownBy(() -> from.get("/api/v1/authors/" + ALICE.did() + "/export"))
        .isInstanceOf(IllegalStateException.class)
        .hasCauseInstanceOf(IOException.class);
    // The gateway goes on serving.
    assertThat(from.get("/api/v1/entries/" + log.get(2).cid()).statusCode()).isEqualTo(200);
  }

  @Test
  void importOnAnotherGatewayRecreatesTheAccount() {
    byte[] car = from.get("/api/v1/authors/" + ALICE.did() + "/export").body();

    HttpResponse<byte[]> r = to.post("/api/v1/import", car, "application/vnd.ipld.car");
    HttpResponse<byte[]> again = to.post("/api/v1/import", car, "application/vnd.ipld.car");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject summary = json(r);
    assertThat(summary.getInteger("entries")).isEqualTo(3);
    assertThat(summary.getInteger("created")).isEqualTo(3);
    assertThat(summary.getInteger("blocks")).isEqualTo(1);
    assertThat(summary.getJsonArray("rejected")).isEmpty();
    assertThat(json(again).getInteger("alreadyStored")).isEqualTo(3);
    JsonObject head = json(to.get("/api/v1/authors/" + ALICE.did())).getJsonObject("head");
    assertThat(head.getLong("seq")).isEqualTo(3);
    assertThat(to.get("/ipfs/" + picture + "?format=raw").body()).containsExactly(9, 8, 7);
  }

  @Test
  void aCarWithATamperedBlockIsRefusedAndNothingIsImported() {
    byte[] car = from.get("/api/v1/authors/" + ALICE.did() + "/export").body();
    byte[] text = "two, with a picture".getBytes(StandardCharsets.UTF_8);
    int at = EntriesApiTest.indexOf(car, text);
    car[at] ^= 0x20;

    HttpResponse<byte[]> r = to.post("/api/v1/import", car, "application/vnd.ipld.car");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(problem(r).getString("reason")).isEqualTo("block-mismatch");
    assertThat(GatewayHarness.await(to.store.has(log.get(2).cid()))).isFalse();
  }

  @Test
  void anUnknownAuthorHasNothingToExport() {
    KeyPair nobody = KeyPair.fromSeed(EntriesApiTest.filled(5));

    assertThat(from.get("/api/v1/authors/" + nobody.did() + "/export").statusCode()).isEqualTo(404);
  }

  static JsonObject json(HttpResponse<byte[]> r) {
    return new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
  }
}
