package org.ipfeed.store.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipfeed.store.kubo.Futures.await;
import static org.ipfeed.store.kubo.Futures.failure;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ipfeed.schema.error.IpfeedException;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.ipfeed.store.testing.JsIpfsNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A node of its own, stopped and restarted under the store. */
class KuboNodeRestartIT {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final int RETRIES = 2;

  private static Vertx vertx;
  private static JsIpfsNode node;
  private static KuboBlockStore store;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    node = JsIpfsNode.startPrivate();
    store =
        KuboBlockStore.create(
            vertx,
            KuboStoreConfig.of(node.apiUrl().toString())
                .withTimeouts(Duration.ofSeconds(1), REQUEST_TIMEOUT)
                .withRetries(RETRIES, Duration.ofMillis(100), Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stop() {
    await(store.close());
    node.close();
    await(vertx.close());
  }

  private static Block block(String text) {
    return Block.of((text + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), Multicodec.RAW);
  }

  @Test
  void pinsAndBlocksSurviveARestart() {
    List<Block> pinned = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Block b = block("pinned " + i);
      await(store.putPinned(b));
      pinned.add(b);
    }

    node.restart();

    List<Cid> pins = await(store.pins());
    for (Block b : pinned) {
      assertThat(pins).contains(b.cid());
      assertThat(await(store.isPinned(b.cid()))).isTrue();
      assertThat(await(store.get(b.cid()))).isEqualTo(b);
    }
  }

  @Test
  void aStoppedNodeFailsPromptlyAndWorksAgainAfterARestart() {
    Block before = block("before");
    await(store.putPinned(before));
    List<Object> unused = new ArrayList<>();
    PubSubSubscription subscription = await(store.subscribe("restart", unused::add));

    node.stop();

    // The subscription learns of it, and every call fails fast: connection refused, retried
    // twice with backoff, well inside one request time-out, let alone (retries + 1) of them.
    assertThat(failure(subscription.ended())).isInstanceOf(UpstreamException.class);
    for (var call :
        List.<java.util.function.Supplier<io.vertx.core.Future<?>>>of(
            () -> store.get(before.cid()),
            () -> store.put(block("during")),
            () -> store.pins(),
            () -> store.publish("restart", new byte[] {1}))) {
      long start = System.nanoTime();
      Throwable t = failure(call.get());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(t).isInstanceOf(UpstreamException.class);
      assertThat(((IpfeedException) t).reason()).isEqualTo("ipfs-unreachable");
      assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    node.restart();

    assertThat(await(store.get(before.cid()))).isEqualTo(before);
    Block after = block("after");
    await(store.putPinned(after));
    assertThat(await(store.isPinned(after.cid()))).isTrue();
  }
}
