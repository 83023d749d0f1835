package org.ipfeed.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipfeed.store.local.StoreTesting.await;
import static org.ipfeed.store.local.StoreTesting.block;
import static org.ipfeed.store.local.StoreTesting.failure;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ipfeed.schema.error.OverloadedException;
import org.ipfeed.store.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The bound on blocks acknowledged but not yet in flatfs, and what puts do when it is reached. */
@ExtendWith(VertxExtension.class)
class LocalStoreBackPressureTest {

  @TempDir Path dir;
  private LocalBlockStore store;

  @AfterEach
  void tearDown() {
    if (store != null) {
      store.close().toCompletionStage().toCompletableFuture().exceptionally(e -> null).join();
    }
  }

  private LocalBlockStore open(Vertx vertx, Duration timeout) {
    LocalStoreConfig config =
        LocalStoreConfig.defaults(dir)
            .withSegmentBytes(16 * 1024)
            .withMaxBacklogBytes(4 * 1024)
            .withBacklogTimeout(timeout);
    store = await(LocalBlockStore.open(vertx, config));
    return store;
  }

  private static List<Block> blocks(int count, long seed) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      blocks.add(block(seed + i, 1024));
    }
    return blocks;
  }

  @Test
  void putsWaitForRoomThenAllSucceed(Vertx vertx) throws Exception {
    open(vertx, Duration.ofSeconds(30));
    List<Block> blocks = blocks(10, 100);
    List<Future<Void>> puts = new ArrayList<>();
    try (AutoCloseable held = store.holdMaterializer()) {
      blocks.forEach(b -> puts.add(store.put(b)));
      for (int i = 0; i < 4; i++) {
        await(puts.get(i));
      }
      Thread.sleep(200);
      assertThat(puts.subList(4, 10)).noneMatch(Future::isComplete);
      assertThat(store.backlogBytes()).isEqualTo(4 * 1024);
      // Reads do not queue behind the backlog.
      assertThat(await(store.get(blocks.get(0).cid()))).isEqualTo(blocks.get(0));
    }
    puts.forEach(StoreTesting::await);
    await(store.checkpoint());
    assertThat(store.backlogBytes()).isZero();
  }

  @Test
  void aPutThatWaitsPastTheTimeoutIsOverloadedAndLeavesNoTrace(Vertx vertx) throws Exception {
    open(vertx, Duration.ofMillis(200));
    List<Block> blocks = blocks(8, 200);
    List<Future<Void>> puts = new ArrayList<>();
    try (AutoCloseable held = store.holdMaterializer()) {
      blocks.forEach(b -> puts.add(store.put(b)));
      for (int i = 4; i < 8; i++) {
        Throwable e = failure(puts.get(i));
        assertThat(e).isInstanceOf(OverloadedException.class);
        assertThat(((OverloadedException) e).reason()).isEqualTo("backlog-full");
      }
    }
    for (int i = 0; i < 4; i++) {
      await(puts.get(i));
      assertThat(await(store.has(blocks.get(i).cid()))).isTrue();
    }
    for (int i = 4; i < 8; i++) {
      assertThat(await(store.has(blocks.get(i).cid()))).isFalse();
    }
    // Room again: the same puts now succeed.
    await(store.put(blocks.get(5)));
    assertThat(await(store.get(blocks.get(5).cid()))).isEqualTo(blocks.get(5));
  }

  @Test
  void theJournalIsBoundedToo(Vertx vertx) throws Exception {
    // Blocks stuck before flatfs keep their segments from retiring; the journal bound stops puts
    // even though the backlog bound is far away.
    LocalStoreConfig config =
        LocalStoreConfig.defaults(dir)
            .withSegmentBytes(8 * 1024)
            .withMaxJournalBytes(16 * 1024)
            .withBacklogTimeout(Duration.ofMillis(300));
    store = await(LocalBlockStore.open(vertx, config));
    List<Block> blocks = blocks(100, 400);
    int refused = -1;
    try (AutoCloseable held = store.holdMaterializer()) {
      for (int i = 0; i < blocks.size() && refused < 0; i++) {
        Future<Void> put = store.put(blocks.get(i));
        put.toCompletionStage().toCompletableFuture().exceptionally(e -> null).join();
        if (put.failed()) {
          assertThat(put.cause())
              .isInstanceOf(OverloadedException.class)
              .hasMessageContaining("journal");
          refused = i;
        }
      }
      assertThat(refused).as("a put was refused").isPositive();
      assertThat(store.journalBytes()).isLessThanOrEqualTo(16 * 1024 + 8 * 1024);
    }
    await(store.checkpoint());
    assertThat(store.journalBytes()).isEqualTo(JournalCodec.HEADER.length);
    await(store.put(blocks.get(refused)));
  }

  @Test
  void aBlockLargerThanTheWholeBacklogStillGoesIn(Vertx vertx) {
    open(vertx, Duration.ofSeconds(30));
    Block big = block(300, 64 * 1024);
    await(store.put(big));
    assertThat(await(store.get(big.cid()))).isEqualTo(big);
  }

  @Test
  void manyPutsThroughATinyBacklogAllLand(Vertx vertx) {
    open(vertx, Duration.ofSeconds(30));
    List<Block> blocks = blocks(600, 1000);
    List<Future<Void>> puts = blocks.stream().map(store::put).toList();
    puts.forEach(StoreTesting::await);
    await(store.close());
    store = await(LocalBlockStore.open(vertx, LocalStoreConfig.defaults(dir)));
    for (Block b : blocks) {
      assertThat(await(store.get(b.cid()))).isEqualTo(b);
    }
  }
}
