package org.ipfeed.store.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.ipfeed.store.Block;
import org.junit.jupiter.api.Test;

class KuboStoreConfigTest {

  @Test
  void defaults() {
    KuboStoreConfig c = KuboStoreConfig.defaults();
    assertThat(c.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:5001"));
    assertThat(c.nodeTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.maxRetries()).isEqualTo(2);
    assertThat(c.initialBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.maxConnections()).isEqualTo(8);
    assertThat(c.maxBlockBytes()).isEqualTo(Block.MAX_BYTES);
    assertThat(c.maxJsonBytes()).isEqualTo(4 << 20);
  }

  @Test
  void theRequestTimeoutMustExceedTheNodeTimeout() {
    assertThatThrownBy(
            () ->
                KuboStoreConfig.defaults()
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must exceed nodeTimeout");
  }

  @Test
  void badValuesAreRefused() {
    KuboStoreConfig d = KuboStoreConfig.defaults();
    assertThatThrownBy(() -> KuboStoreConfig.of("ftp://host:1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KuboStoreConfig.of("http://host:1/?x=1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withLimits(Block.MAX_BYTES + 1, 1 << 20))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withMaxConnections(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withRetries(-1, Duration.ofMillis(1), Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withRetries(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withConnectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPathPrefixIsKept() {
    RpcCall call = RpcCall.to("block/get").arg("bafy").param("timeout", "5ms");
    assertThat(call.uri("/proxy/api/v0/"))
        .isEqualTo("/proxy/api/v0/block/get?arg=bafy&timeout=5ms");
  }
}
