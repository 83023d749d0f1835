package org.ipfeed.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.ipfeed.schema.entry.InvalidEntryException;
import org.ipfeed.schema.error.ConflictException;
import org.junit.jupiter.api.Test;

/** The meters as the exposition shows them, without a server. */
class GatewayMetricsTest {

  final AtomicInteger backlog = new AtomicInteger();
  Duration lag = Duration.ZERO;
  final GatewayMetrics metrics = new GatewayMetrics(backlog::get, () -> lag);

  PrometheusText scrape() {
    return PrometheusText.parse(metrics.scrape());
  }

  @Test
  void rejectionsAreCountedUnderTheReasonTheProblemDocumentCarries() {
    metrics.rejected(new ConflictException("log-fork", "seq 2 is taken"));
    metrics.rejected(new ConflictException("log-fork", "seq 3 is taken"));
    metrics.rejected(new InvalidEntryException("bad-signature", "does not verify"));
    metrics.rejected(new IllegalStateException("a disk failed"));

    PrometheusText text = scrape();

    assertThat(text.value("ipfeed_ingest_rejected_total", "reason", "log-fork")).contains(2.0);
    assertThat(text.value("ipfeed_ingest_rejected_total", "reason", "bad-signature")).contains(1.0);
    // Anything outside the vocabulary is what the client sees too: an internal error.
    assertThat(text.value("ipfeed_ingest_rejected_total", "reason", "internal")).contains(1.0);
  }

  @Test
  void bothAcceptedOutcomesAreThereFromTheStart() {
    PrometheusText text = scrape();

    assertThat(text.value("ipfeed_ingest_accepted_total", "outcome", "created")).contains(0.0);
    assertThat(text.value("ipfeed_ingest_accepted_total", "outcome", "already-stored"))
        .contains(0.0);
  }

  @Test
  void theIndexLagIsReadAtEachScrape() {
    backlog.set(3);
    lag = Duration.ofMillis(1500);

    PrometheusText text = scrape();

    assertThat(text.value("ipfeed_index_lag_entries")).contains(3.0);
    assertThat(text.value("ipfeed_index_lag_seconds")).contains(1.5);

    backlog.set(0);
    assertThat(scrape().value("ipfeed_index_lag_entries")).contains(0.0);
  }

  @Test
  void statusesAreClasses() {
    assertThat(GatewayMetrics.statusClass(201)).isEqualTo("2xx");
    assertThat(GatewayMetrics.statusClass(416)).isEqualTo("4xx");
    assertThat(GatewayMetrics.statusClass(503)).isEqualTo("5xx");
    assertThat(GatewayMetrics.statusClass(0)).isEqualTo("other");
  }

  @Test
  void theReaderRefusesWhatIsNotTheTextFormat() {
    assertThat(PrometheusText.parse("# HELP x y\nx{a=\"b\"} 1.0\nx 2\n").samples()).hasSize(2);
    assertThatThrownBy(() -> PrometheusText.parse("x{a=b} 1\n"))
        .hasMessageContaining("not a sample");
    assertThatThrownBy(() -> PrometheusText.parse("x 1 2 3\n")).hasMessageContaining("line 1");
  }
}
