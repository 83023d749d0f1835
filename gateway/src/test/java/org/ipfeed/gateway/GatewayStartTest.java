package org.ipfeed.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.ipfeed.store.local.LocalBlockStore;
import org.ipfeed.store.local.LocalStoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which port a node ends up on when the one it wanted is taken. */
class GatewayStartTest {

  @TempDir Path dir;
  Vertx vertx;
  LocalBlockStore store;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    store = GatewayHarness.await(LocalBlockStore.open(vertx, LocalStoreConfig.defaults(dir)));
  }

  @AfterEach
  void close() {
    GatewayHarness.await(store.close());
    GatewayHarness.await(vertx.close());
  }

  @Test
  void aTakenDefaultPortFallsBackToAFreeOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      GatewayConfig config =
          new GatewayConfig(
              dir,
              "127.0.0.1",
              taken.getLocalPort(),
              false,
              10,
              2,
              java.util.List.of(),
              java.util.Set.of(),
              GatewayConfig.DEFAULT_POLL,
              java.util.Optional.empty());

      Gateway gateway = GatewayHarness.await(Gateway.start(vertx, config, store, "local"));

      assertThat(gateway.port()).isPositive().isNotEqualTo(taken.getLocalPort());
      GatewayHarness.await(gateway.close());
    }
  }

  @Test
  void aTakenExplicitPortFails() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      GatewayConfig config =
          GatewayConfig.defaults().withDataDir(dir).withPort(taken.getLocalPort());

      assertThatThrownBy(() -> GatewayHarness.await(Gateway.start(vertx, config, store, "local")))
          .hasRootCauseInstanceOf(java.net.BindException.class);
    }
  }
}
