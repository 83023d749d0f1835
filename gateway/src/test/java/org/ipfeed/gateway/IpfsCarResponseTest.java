package org.ipfeed.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ipfeed.gateway.IpfsBlockResponseTest.header;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.ipfeed.schema.car.CarBlock;
import org.ipfeed.schema.car.CarReader;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /ipfs/{cid}} as a CAR: a log of three entries, walked depth-first from its head. */
class IpfsCarResponseTest {

  @TempDir static Path dir;
  static GatewayHarness gw;
  static Cid first;
  static Cid second;
  static Cid head;
  static Cid attachment;

  @BeforeAll
  static void start() {
    gw = new GatewayHarness(dir);
    attachment = GatewayHarness.await(gw.store.put(new byte[] {1, 2, 3}, Multicodec.RAW));
    first = put(Ipld.map().put("seq", 0).build());
    second = put(Ipld.map().put("seq", 1).put("prev", first).put("image", attachment).build());
    head = put(Ipld.map().put("seq", 2).put("prev", second).build());
  }

  static Cid put(Ipld value) {
    return GatewayHarness.await(gw.store.put(DagCbor.encode(value), Multicodec.DAG_CBOR));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void wholeDagIsStreamedDepthFirstAndEachBlockVerifies() throws IOException {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + head + "?format=car");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "content-type"))
        .isEqualTo("application/vnd.ipld.car; version=1; order=dfs; dups=n");
    assertThat(header(r, "content-disposition"))
        .isEqualTo("attachment; filename=\"" + head + ".car\"");
    assertThat(header(r, "accept-ranges")).isEqualTo("none");
    assertThat(header(r, "x-content-type-options")).isEqualTo("nosniff");
    assertThat(header(r, "etag")).isEqualTo("W/\"" + head + ".car.all\"");
    assertThat(header(r, "cache-control")).isEqualTo("public, max-age=29030400, immutable");
    CarReader car = CarReader.open(new ByteArrayInputStream(r.body()));
    assertThat(car.roots()).containsExactly(head);
    // The reader verifies every block against its CID as it reads.
    assertThat(car.blocks().map(CarBlock::cid).toList())
        .containsExactly(head, second, first, attachment);
  }

  @Test
  void acceptHeaderSelectsCar() throws IOException {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + second, "Accept", "application/vnd.ipld.car");

    assertThat(header(r, "content-location")).isEqualTo("/ipfs/" + second + "?format=car");
    assertThat(blocks(r)).containsExactly(second, first, attachment);
  }

  @Test
  void blockScopeHoldsOnlyTheRoot() throws IOException {
    HttpResponse<byte[]> block = gw.get("/ipfs/" + head + "?format=car&dag-scope=block");
    HttpResponse<byte[]> entity = gw.get("/ipfs/" + head + "?format=car&dag-scope=entity");

    assertThat(blocks(block)).containsExactly(head);
    assertThat(blocks(entity)).containsExactly(head);
    assertThat(header(block, "etag")).isNotEqualTo(header(entity, "etag"));
  }

  @Test
  void identityCidGivesAnEmptyCarWithItsRoot() throws IOException {
    HttpResponse<byte[]> r = gw.get("/ipfs/bafkqaaa?format=car");

    assertThat(r.statusCode()).isEqualTo(200);
    CarReader car = CarReader.open(new ByteArrayInputStream(r.body()));
    assertThat(car.roots()).containsExactly(Cid.parse("bafkqaaa"));
    assertThat(car.blocks()).isEmpty();
  }

  @Test
  void weakEtagMatchGives304() {
    HttpResponse<byte[]> r =
        gw.get("/ipfs/" + head + "?format=car", "If-None-Match", "W/\"" + head + ".car.all\"");

    assertThat(r.statusCode()).isEqualTo(304);
  }

  @Test
  void unknownRootIs404BeforeAnyByteIsSent() {
    Cid absent = Cid.dagCbor(DagCbor.encode(Ipld.map().put("seq", 99).build()));

    HttpResponse<byte[]> r = gw.get("/ipfs/" + absent + "?format=car");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(header(r, "content-type")).isEqualTo("application/problem+json");
  }

  @Test
  void missingChildCutsTheStreamSoTheClientSeesAnIncompleteCar() {
    Cid missing = Cid.dagCbor(DagCbor.encode(Ipld.map().put("gone", "yes").build()));
    Cid parent = put(Ipld.map().put("child", missing).build());

    // The status is sent before the walk reaches the child, so the only honest signal left is
    // a broken chunked body: the client's read fails rather than ending cleanly.
    assertThatThrownBy(() -> gw.get("/ipfs/" + parent + "?format=car"))
        .hasRootCauseInstanceOf(IOException.class);
  }

  @Test
  void unsupportedCarVersionAndScopeAreRejected() {
    assertThat(gw.get("/ipfs/" + head + "?format=car&car-version=2").statusCode()).isEqualTo(406);
    assertThat(gw.get("/ipfs/" + head + "?format=car&dag-scope=most").statusCode()).isEqualTo(400);
  }

  @Test
  void capLimitsTheBlocksOfOneResponse() throws Exception {
    try (GatewayHarness small = new GatewayHarness(dir.resolve("small"), 2)) {
      for (Cid c : List.of(first, second, head, attachment)) {
        GatewayHarness.await(small.store.put(GatewayHarness.await(gw.store.get(c))));
      }
      HttpResponse<byte[]> r = small.get("/ipfs/" + head + "?format=car");
      assertThat(blocks(r)).containsExactly(head, second);
    }
  }

  static List<Cid> blocks(HttpResponse<byte[]> r) throws IOException {
    assertThat(r.statusCode()).isEqualTo(200);
    return CarReader.open(new ByteArrayInputStream(r.body())).blocks().map(CarBlock::cid).toList();
  }
}
