package org.ipfeed.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.codec.DagJson;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /ipfs/{cid}} for single blocks, against a real store, seen by an independent client. */
class IpfsBlockResponseTest {

  @TempDir static Path dir;
  static GatewayHarness gw;
  static byte[] rawBytes = "sixteen bytes!!!".getBytes(StandardCharsets.US_ASCII);
  static Cid raw;
  static byte[] cborBytes;
  static Cid cbor;

  @BeforeAll
  static void start() {
    gw = new GatewayHarness(dir);
    raw = GatewayHarness.await(gw.store.put(rawBytes, Multicodec.RAW));
    cborBytes =
        DagCbor.encode(Ipld.map().put("text", "hello").put("link", raw).put("n", 7).build());
    cbor = GatewayHarness.await(gw.store.put(cborBytes, Multicodec.DAG_CBOR));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void rawBlockCarriesEveryHeaderTheSpecificationAsksFor() {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + raw + "?format=raw");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(rawBytes);
    assertThat(header(r, "content-type")).isEqualTo("application/vnd.ipld.raw");
    assertThat(header(r, "content-length")).isEqualTo("16");
    assertThat(header(r, "content-disposition"))
        .isEqualTo("attachment; filename=\"" + raw + ".bin\"");
    assertThat(header(r, "etag")).isEqualTo("\"" + raw + ".raw\"");
    assertThat(header(r, "cache-control")).isEqualTo("public, max-age=29030400, immutable");
    assertThat(header(r, "x-content-type-options")).isEqualTo("nosniff");
    assertThat(header(r, "x-ipfs-path")).isEqualTo("/ipfs/" + raw);
    assertThat(header(r, "x-ipfs-roots")).isEqualTo(raw.toString());
    assertThat(header(r, "access-control-allow-origin")).isEqualTo("*");
    assertThat(r.headers().firstValue("content-location")).isEmpty();
  }

  @Test
  void acceptHeaderSelectsRawAndNamesTheCanonicalUrl() {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + cbor, "Accept", "application/vnd.ipld.raw");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(cborBytes);
    assertThat(header(r, "content-location")).isEqualTo("/ipfs/" + cbor + "?format=raw");
  }

  @Test
  void formatParameterWinsOverAccept() {
    HttpResponse<byte[]> r =
        gw.get("/ipfs/" + cbor + "?format=raw", "Accept", "application/vnd.ipld.car");

    assertThat(header(r, "content-type")).isEqualTo("application/vnd.ipld.raw");
  }

  @Test
  void customFilenameIsKeptButCannotEscapeItsQuotes() {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + raw + "?format=raw&filename=a%22b%2F..c.bin");

    assertThat(header(r, "content-disposition")).isEqualTo("attachment; filename=\"a_b_..c.bin\"");
  }

  @Test
  void matchingIfNoneMatchAnswers304WithoutABody() {
    HttpResponse<byte[]> r =
        gw.get("/ipfs/" + raw + "?format=raw", "If-None-Match", "\"other\", \"" + raw + ".raw\"");

    assertThat(r.statusCode()).isEqualTo(304);
    assertThat(r.body()).isEmpty();
    assertThat(header(r, "etag")).isEqualTo("\"" + raw + ".raw\"");
  }

  @Test
  void staleIfNoneMatchGetsTheBlock() {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + raw + "?format=raw", "If-None-Match", "\"x.raw\"");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(rawBytes);
  }

  @Test
  void singleRangeGives206WithTheSlice() {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + raw + "?format=raw", "Range", "bytes=2-5");

    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.body()).isEqualTo("xtee".getBytes(StandardCharsets.US_ASCII));
    assertThat(header(r, "content-range")).isEqualTo("bytes 2-5/16");
  }

  @Test
  void suffixRangeGivesTheLastBytes() {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + raw + "?format=raw", "Range", "bytes=-3");

    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("!!!");
    assertThat(header(r, "content-range")).isEqualTo("bytes 13-15/16");
  }

  @Test
  void rangeBeyondTheBlockIs416() {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + raw + "?format=raw", "Range", "bytes=16-20");

    assertThat(r.statusCode()).isEqualTo(416);
    assertThat(header(r, "content-range")).isEqualTo("bytes */16");
    assertThat(problem(r).getString("reason")).isEqualTo("range-not-satisfiable");
  }

  @Test
  void headAnswersHeadersWithoutABody() {
    HttpResponse<byte[]> r = gw.send("HEAD", "/ipfs/" + raw + "?format=raw");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(header(r, "content-length")).isEqualTo("16");
    assertThat(header(r, "etag")).isEqualTo("\"" + raw + ".raw\"");
  }

  @Test
  void dagCborIsServedNativelyWithoutAFormat() {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + cbor);

    assertThat(header(r, "content-type")).isEqualTo("application/vnd.ipld.dag-cbor");
    assertThat(r.body()).isEqualTo(cborBytes);
  }

  @Test
  void dagCborRendersAsDagJsonAndJson() {
    byte[] expected = DagJson.encode(DagCbor.decode(cborBytes));

    HttpResponse<byte[]> dagJson = gw.get("/ipfs/" + cbor + "?format=dag-json");
    HttpResponse<byte[]> json = gw.get("/ipfs/" + cbor, "Accept", "application/json");

    assertThat(dagJson.statusCode()).isEqualTo(200);
    assertThat(dagJson.body()).isEqualTo(expected);
    assertThat(header(dagJson, "content-type")).isEqualTo("application/vnd.ipld.dag-json");
    assertThat(header(dagJson, "etag")).isEqualTo("\"" + cbor + ".dag-json\"");
    assertThat(new String(dagJson.body(), StandardCharsets.UTF_8))
        .contains("{\"/\":\"" + raw + "\"}");
    assertThat(json.body()).isEqualTo(expected);
    assertThat(header(json, "content-type")).isEqualTo("application/json");
  }

  @Test
  void identityProbeIsTheEmptyBlock() {
    HttpResponse<byte[]> r = gw.get("/ipfs/bafkqaaa?format=raw");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void rawBlockHasNoDagJsonForm() {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + raw + "?format=dag-json");

    assertThat(r.statusCode()).isEqualTo(406);
    assertThat(problem(r).getString("reason")).isEqualTo("not-acceptable");
  }

  @Test
  void acceptWithNothingServableIs406() {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + raw, "Accept", "text/html, image/png;q=0.5");

    assertThat(r.statusCode()).isEqualTo(406);
    assertThat(problem(r).getString("detail")).contains("text/html");
  }

  @Test
  void browserAcceptWithWildcardGetsTheNativeForm() {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + raw, "Accept", "text/html,*/*;q=0.8");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "content-type")).isEqualTo("application/vnd.ipld.raw");
  }

  @Test
  void unknownFormatIs400() {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + raw + "?format=tar");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(problem(r).getString("reason")).isEqualTo("unsupported-format");
  }

  @Test
  void malformedCidIs400ProblemJson() {
    HttpResponse<byte[]> r = gw.get("/ipfs/not-a-cid?format=raw");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(header(r, "content-type")).isEqualTo("application/problem+json");
    JsonObject p = problem(r);
    assertThat(p.getString("reason")).isEqualTo("invalid-cid");
    assertThat(p.getInteger("status")).isEqualTo(400);
    assertThat(p.getString("instance")).isEqualTo("/ipfs/not-a-cid");
    assertThat(header(r, "cache-control")).isNull();
  }

  @Test
  void unknownCidIs404() {
    Cid absent = Cid.raw("nobody stored this".getBytes(StandardCharsets.US_ASCII));

    HttpResponse<byte[]> get = gw.get("/ipfs/" + absent + "?format=raw");
    HttpResponse<byte[]> head = gw.send("HEAD", "/ipfs/" + absent + "?format=raw");

    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(problem(get).getString("reason")).isEqualTo("block-not-found");
    assertThat(head.statusCode()).isEqualTo(404);
  }

  @Test
  void pathsInsideADagAreNotImplemented() {
    HttpResponse<byte[]> r = gw.get("/ipfs/" + cbor + "/link?format=raw");

    assertThat(r.statusCode()).isEqualTo(501);
  }

  @Test
  void preflightAllowsCrossOriginReads() {
    HttpResponse<byte[]> r =
        gw.send(
            "OPTIONS",
            "/ipfs/" + raw,
            "Origin",
            "https://example.org",
            "Access-Control-Request-Method",
            "GET");

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(header(r, "access-control-allow-origin")).isEqualTo("*");
    assertThat(header(r, "access-control-allow-methods")).contains("GET").contains("HEAD");
  }

  @Test
  void unknownRouteIsProblemJson() {
    HttpResponse<byte[]> r = gw.get("/nowhere");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(problem(r).getString("reason")).isEqualTo("no-such-route");
  }

  @Test
  void healthReportsTheStore() {
    HttpResponse<byte[]> r = gw.get("/health");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject health = new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
    assertThat(health.getString("status")).isEqualTo("up");
    assertThat(health.getJsonObject("store").getBoolean("reachable")).isTrue();
  }

  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  static JsonObject problem(HttpResponse<byte[]> r) {
    assertThat(header(r, "content-type")).isEqualTo("application/problem+json");
    return new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
  }
}
