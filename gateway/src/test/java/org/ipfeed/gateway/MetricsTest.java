package org.ipfeed.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ipfeed.gateway.IpfsBlockResponseTest.header;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.ipfeed.gateway.metrics.PrometheusText;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} after real requests to a real node. */
class MetricsTest {

  static final String REQUESTS = "ipfeed_http_requests_seconds_count";

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

  HttpResponse<byte[]> submit(SignedEntry e) {
    return gw.post("/api/v1/entries", e.block(), EntriesApiTest.CBOR);
  }

  /**
   * The exposition once {@code ready} holds. A request is counted when its response has ended,
   * which the server may notice a moment after the client has the answer: so poll, briefly.
   */
  PrometheusText metricsWhen(Predicate<PrometheusText> ready) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      HttpResponse<byte[]> r = gw.get("/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(header(r, "content-type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
      PrometheusText text = PrometheusText.parse(new String(r.body(), StandardCharsets.UTF_8));
      if (ready.test(text) || System.nanoTime() > deadline) {
        return text;
      }
      Thread.sleep(20);
    }
  }

  static double requests(PrometheusText text, String method, String route, String status) {
    return text.value(REQUESTS, "method", method, "route", route, "status", status).orElse(0.0);
  }

  @Test
  void anAcceptedAndARejectedPostAreCountedUnderTheRouteAndTheReason() throws Exception {
    SignedEntry neverSent = EntriesApiTest.post(EntriesApiTest.first(), "never sent");
    SignedEntry orphan =
        EntriesApiTest.post(
            EntryHeader.after(
                neverSent.entry().header(), neverSent.cid(), EntriesApiTest.T0.plusSeconds(1)),
            "its prev is not here");
    SignedEntry accepted =
        EntriesApiTest.post(
            EntryHeader.first(EntriesApiTest.ALICE.did(), EntriesApiTest.T0.minusSeconds(1)),
            "counted");
    assertThat(submit(accepted).statusCode()).isEqualTo(201);
    assertThat(submit(orphan).statusCode()).isEqualTo(409);

    PrometheusText text = metricsWhen(t -> requests(t, "POST", "/api/v1/entries", "4xx") >= 1);

    assertThat(requests(text, "POST", "/api/v1/entries", "2xx")).isEqualTo(1);
    assertThat(requests(text, "POST", "/api/v1/entries", "4xx")).isEqualTo(1);
    assertThat(text.value("ipfeed_ingest_accepted_total", "outcome", "created")).contains(1.0);
    assertThat(text.value("ipfeed_ingest_accepted_total", "outcome", "already-stored"))
        .contains(0.0);
    assertThat(text.value("ipfeed_ingest_rejected_total", "reason", "unknown-prev")).contains(1.0);
    assertThat(text.samples())
        .filteredOn(s -> s.name().equals("ipfeed_ingest_rejected_total"))
        .hasSize(1);
  }

  @Test
  void anEntryAlreadyStoredIsAcceptedButNotCreated() throws Exception {
    SignedEntry e = EntriesApiTest.post(EntriesApiTest.first(), "twice");
    submit(e);
    assertThat(submit(e).statusCode()).isEqualTo(200);

    PrometheusText text = metricsWhen(t -> true);

    assertThat(text.value("ipfeed_ingest_accepted_total", "outcome", "created")).contains(1.0);
    assertThat(text.value("ipfeed_ingest_accepted_total", "outcome", "already-stored"))
        .contains(1.0);
  }

  @Test
  void requestsAreLabelledByTemplateNeverByTheirPath() throws Exception {
    SignedEntry e = EntriesApiTest.post(EntriesApiTest.first(), "read back");
    submit(e);
    assertThat(gw.get("/api/v1/entries/" + e.cid()).statusCode()).isEqualTo(200);
    assertThat(gw.get("/ipfs/" + e.cid() + "?format=raw").statusCode()).isEqualTo(200);
    assertThat(gw.get("/no/such/" + e.cid()).statusCode()).isEqualTo(404);

    PrometheusText text = metricsWhen(t -> requests(t, "GET", "unmatched", "4xx") >= 1);

    assertThat(requests(text, "GET", "/api/v1/entries/:cid", "2xx")).isEqualTo(1);
    assertThat(requests(text, "GET", "/ipfs/*", "2xx")).isEqualTo(1);
    assertThat(requests(text, "GET", "unmatched", "4xx")).isEqualTo(1);
    assertThat(text.samples())
        .allSatisfy(s -> assertThat(s.labels().values()).noneMatch(v -> v.contains("bafy")));
  }

  @Test
  void latenciesAreAHistogramWithFixedBuckets() throws Exception {
    gw.get("/health");

    PrometheusText text = metricsWhen(t -> requests(t, "GET", "/health", "2xx") >= 1);

    assertThat(
            text.value(
                "ipfeed_http_requests_seconds_bucket",
                "le",
                "+Inf",
                "method",
                "GET",
                "route",
                "/health",
                "status",
                "2xx"))
        .contains(1.0);
    assertThat(
            text.samples().stream()
                .filter(
                    s ->
                        s.name().equals("ipfeed_http_requests_seconds_bucket")
                            && "/health".equals(s.labels().get("route"))))
        .hasSize(14);
    assertThat(
            text.value(
                "ipfeed_http_requests_seconds_sum",
                "method",
                "GET",
                "route",
                "/health",
                "status",
                "2xx"))
        .hasValueSatisfying(seconds -> assertThat(seconds).isPositive().isLessThan(10));
  }

  @Test
  void aResponseCutShortIsCountedAsAborted() throws Exception {
    Cid missing = Cid.dagCbor(DagCbor.encode(Ipld.map().put("gone", "yes").build()));
    byte[] parent = DagCbor.encode(Ipld.map().put("child", missing).build());
    Cid cid = GatewayHarness.await(gw.store.put(parent, Multicodec.DAG_CBOR));
    assertThatThrownBy(() -> gw.get("/ipfs/" + cid + "?format=car"))
        .hasRootCauseInstanceOf(IOException.class);

    PrometheusText text = metricsWhen(t -> requests(t, "GET", "/ipfs/*", "aborted") >= 1);

    assertThat(requests(text, "GET", "/ipfs/*", "aborted")).isEqualTo(1);
    assertThat(requests(text, "GET", "/ipfs/*", "2xx")).isZero();
  }

  @Test
  void theIndexLagFallsToZeroOnceTheFeederHasCaughtUp() throws Exception {
    submit(EntriesApiTest.post(EntriesApiTest.first(), "to be indexed"));

    PrometheusText text = metricsWhen(t -> t.value("ipfeed_index_lag_entries").orElse(-1.0) == 0.0);

    assertThat(text.value("ipfeed_index_lag_entries")).contains(0.0);
    assertThat(text.value("ipfeed_index_lag_seconds")).contains(0.0);
  }
}
