package org.ipfeed.store.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.ipfeed.store.Block;
import org.junit.jupiter.api.Test;

class PeerConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    PeerConfig config = PeerConfig.of(List.of(URI.create("http://127.0.0.1:8080")));

    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.maxBlockBytes()).isEqualTo(Block.MAX_BYTES);
    assertThat(config.retryBase()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.retryMax()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.connectionsPerPeer()).isEqualTo(4);
    assertThat(PeerConfig.none().gateways()).isEmpty();
  }

  @Test
  void gatewaysLoseTrailingSlashesButKeepPathPrefixes() {
    PeerConfig config =
        PeerConfig.of(
            List.of(URI.create("http://a.example/"), URI.create("https://b.example/gw/")));

    assertThat(config.gateways())
        .containsExactly(URI.create("http://a.example"), URI.create("https://b.example/gw"));
  }

  @Test
  void badGatewaysAreRefusedWithTheReason() {
    assertThatThrownBy(() -> PeerConfig.of(List.of(URI.create("ftp://a.example"))))
        .hasMessageContaining("http(s)");
    assertThatThrownBy(() -> PeerConfig.of(List.of(URI.create("http://a.example/?x=1"))))
        .hasMessageContaining("without query");
    assertThatThrownBy(
            () ->
                PeerConfig.of(
                    List.of(URI.create("http://a.example"), URI.create("http://a.example/"))))
        .hasMessageContaining("twice");
  }

  @Test
  void limitsAreChecked() {
    PeerConfig config = PeerConfig.none();

    assertThatThrownBy(() -> config.withMaxBlockBytes(Block.MAX_BYTES + 1))
        .hasMessageContaining("maxBlockBytes");
    assertThatThrownBy(() -> config.withTimeout(Duration.ZERO)).hasMessageContaining("timeout");
    assertThatThrownBy(() -> config.withRetry(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("retryMax");
    assertThat(config.withTimeout(Duration.ofMillis(300)).connectTimeout())
        .isEqualTo(Duration.ofMillis(300));
  }
}
