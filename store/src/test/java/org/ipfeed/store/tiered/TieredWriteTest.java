package org.ipfeed.store.tiered;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.OverloadedException;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.ipfeed.store.testing.Await;
import org.ipfeed.store.testing.Eventually;
import org.ipfeed.store.testing.MemoryBlockStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Writes: durable locally at once, on the node through the outbox, exactly once. */
@ExtendWith(VertxExtension.class)
class TieredWriteTest {

  private static final Duration DRAIN = Duration.ofSeconds(10);

  @TempDir Path dataDir;
  private Vertx vertx;
  private MemoryBlockStore local;
  private FakeNode node;
  private TieredBlockStore store;
  private OutboxConfig outbox;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    local = new MemoryBlockStore(vertx);
    node = new FakeNode(vertx);
    outbox = OutboxConfig.defaults().withRetry(Duration.ofMillis(20), Duration.ofMillis(200));
  }

  @AfterEach
  void close() {
    if (store != null) {
      Await.result(store.close());
    }
  }

  private TieredBlockStore open() {
    store =
        Await.result(
            TieredBlockStore.open(
                vertx,
                TieredStoreConfig.of(dataDir).withOutbox(outbox),
                Tiers.local(local).withNode(node)));
    return store;
  }

  /** Closes the store as a stopping process would, and opens it again on the same data dir. */
  private TieredBlockStore restart() {
    Await.result(store.close());
    store = null;
    return open();
  }

  private static List<Block> posts(int n) {
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          Block.of(
              DagCbor.encode(Ipld.map().put("type", "post").put("seq", i).build()),
              Multicodec.DAG_CBOR));
    }
    return out;
  }

  private void awaitDrained() {
    Eventually.until(() -> store.status().outbox().length() == 0, DRAIN);
  }

  private void putAll(List<Block> blocks) {
    for (Block b : blocks) {
      Await.result(store.put(b));
    }
  }

  @Test
  void withTheNodeUpEveryPutReachesItOnce() {
    open();
    List<Block> blocks = posts(30);

    putAll(blocks);
    awaitDrained();

    assertThat(node.puts()).isEqualTo(30);
    for (Block b : blocks) {
      assertThat(node.has(b)).isTrue();
      assertThat(Await.result(local.has(b.cid()))).isTrue();
    }
    OutboxStatus status = store.status().outbox();
    assertThat(status.node()).isEqualTo(NodeState.UP);
    assertThat(status.pushed()).isEqualTo(30);
  }

  @Test
  void aBlockTheNodeRefusesWaitsAloneWhileTheOthersGetThrough() {
    open();
    List<Block> blocks = posts(10);
    node.refuse(blocks.get(0).cid());

    putAll(blocks);
    Eventually.until(() -> store.status().outbox().pushed() == 9, DRAIN);

    OutboxStatus status = store.status().outbox();
    assertThat(status.node()).isEqualTo(NodeState.UP);
    assertThat(status.length()).isEqualTo(1);
    assertThat(status.lastError()).hasValue(org.ipfeed.store.kubo.KuboBlockStore.REFUSED);
    assertThat(node.has(blocks.get(0))).isFalse();
    for (Block b : blocks.subList(1, 10)) {
      assertThat(node.has(b)).isTrue();
    }
  }

  @Test
  void aBlockPutTwiceIsPushedOnce() {
    open();
    Block b = posts(1).get(0);

    Await.result(store.put(b));
    awaitDrained();
    Await.result(store.put(b));
    awaitDrained();

    assertThat(node.puts()).isEqualTo(1);
    assertThat(store.status().outbox().skipped()).isEqualTo(1);
  }

  @Test
  void whileTheNodeIsDownPutsAreAcknowledgedLocallyAndArriveExactlyOnceWhenItIsBack() {
    open();
    node.down(true);
    List<Block> blocks = posts(25);

    putAll(blocks);

    for (Block b : blocks) {
      assertThat(Await.result(local.has(b.cid()))).isTrue();
    }
    Eventually.until(() -> store.status().outbox().node() == NodeState.DOWN, DRAIN);
    OutboxStatus down = store.status().outbox();
    assertThat(down.length()).isEqualTo(25);
    assertThat(down.lastError()).contains("ipfs-unreachable");
    assertThat(down.nextAttempt()).isPresent();
    Eventually.pause(Duration.ofMillis(300));
    assertThat(store.status().outbox().consecutiveFailures())
        .as("a few probes, not one failure per waiting write")
        .isLessThan(25);

    node.down(false);
    awaitDrained();

    assertThat(node.puts()).isEqualTo(25);
    for (Block b : blocks) {
      assertThat(node.has(b)).isTrue();
    }
    assertThat(store.status().outbox().node()).isEqualTo(NodeState.UP);
  }

  @Test
  void aNonEmptyOutboxSurvivesARestartAndIsDeliveredExactlyOnce() {
    open();
    node.down(true);
    List<Block> blocks = posts(20);
    putAll(blocks);
    Block pinned = posts(21).get(20);
    Await.result(store.putPinned(pinned));

    restart();
    assertThat(store.status().outbox().length()).isEqualTo(21);
    node.down(false);
    awaitDrained();

    assertThat(node.puts()).isEqualTo(21);
    assertThat(node.pinned(pinned)).isTrue();

    restart();
    Eventually.pause(Duration.ofMillis(200));
    assertThat(store.status().outbox().length()).isZero();
    assertThat(node.puts()).as("nothing pushed again after a clean restart").isEqualTo(21);
  }

  @Test
  void aRestartWhilePushesAreInFlightNeitherLosesNorRepeatsThem() {
    open();
    node.delay(100);
    List<Block> blocks = posts(12);
    putAll(blocks);

    restart(); // close waits for the pushes in flight and records them as done
    node.delay(0);
    awaitDrained();

    assertThat(node.puts()).isEqualTo(12);
    assertThat(node.putOrder()).doesNotHaveDuplicates();
  }

  @Test
  void oneAtATimeTheOutboxDrainsInExactlyTheOrderOfTheWrites() {
    outbox = outbox.withMaxInFlight(1);
    open();
    node.down(true);
    List<Block> blocks = posts(15);
    putAll(blocks);
    Eventually.until(() -> store.status().outbox().node() == NodeState.DOWN, DRAIN);

    node.down(false);
    awaitDrained();

    assertThat(node.putOrder()).containsExactlyElementsOf(blocks.stream().map(Block::cid).toList());
    assertThat(node.mostRunning()).isEqualTo(1);
  }

  @Test
  void severalAtATimePushesStartInOrderAndNeverExceedTheLimit() {
    outbox = outbox.withMaxInFlight(3);
    open();
    node.down(true);
    List<Block> blocks = posts(30);
    putAll(blocks);
    Eventually.until(() -> store.status().outbox().node() == NodeState.DOWN, DRAIN);

    node.delay(30);
    node.down(false);
    awaitDrained();

    List<Cid> order = node.putOrder();
    assertThat(order).hasSize(30).doesNotHaveDuplicates();
    assertThat(node.mostRunning()).isBetween(2, 3);
    // Entries are taken in order; only pushes started at the same moment on different event
    // loops may reach the node in another order, so none is further off than the limit allows.
    for (int i = 0; i < blocks.size(); i++) {
      assertThat(Math.abs(order.indexOf(blocks.get(i).cid()) - i)).isLessThan(3);
    }
  }

  @Test
  void pinsGoToBothTiersInTheOrderTheyWereMade() {
    open();
    List<Block> blocks = posts(2);
    Block kept = blocks.get(0);
    Block released = blocks.get(1);

    Await.result(store.putPinned(kept));
    Await.result(store.put(released));
    Await.result(store.pin(released.cid()));
    Await.result(store.unpin(released.cid()));
    awaitDrained();

    assertThat(Await.result(store.isPinned(kept.cid()))).isTrue();
    assertThat(node.pinned(kept)).isTrue();
    assertThat(Await.result(store.isPinned(released.cid()))).isFalse();
    assertThat(node.pinned(released)).isFalse();
    assertThat(node.has(released)).isTrue();
    assertThat(Await.result(store.pins())).containsExactly(kept.cid());
  }

  @Test
  void pinningABlockThatIsNotLocalFailsAndLeavesNothingInTheOutbox() {
    open();
    node.down(true);
    Cid absent = posts(1).get(0).cid();

    assertThat(Await.failure(store.pin(absent))).isInstanceOf(NotFoundException.class);
    assertThat(store.status().outbox().length()).isZero();
  }

  @Test
  void aBlockDeletedBeforeItsPushIsDroppedNotPushed() {
    open();
    node.down(true);
    Block b = posts(1).get(0);
    Await.result(store.put(b));

    Await.result(store.delete(b.cid()));
    node.down(false);
    awaitDrained();

    assertThat(node.has(b)).isFalse();
    assertThat(store.status().outbox().dropped()).isEqualTo(1);
  }

  @Test
  void aPinnedBlockCannotBeDeleted() {
    open();
    Block b = posts(1).get(0);
    Await.result(store.putPinned(b));

    assertThat(Await.failure(store.delete(b.cid()))).isInstanceOf(ConflictException.class);
  }

  @Test
  void aFullOutboxRefusesNewWritesBeforeStoringThem() {
    outbox = outbox.withMaxEntries(3);
    open();
    node.down(true);
    List<Block> blocks = posts(4);
    putAll(blocks.subList(0, 3));

    assertThat(Await.failure(store.put(blocks.get(3))))
        .isInstanceOfSatisfying(
            OverloadedException.class, e -> assertThat(e.reason()).isEqualTo("outbox-full"));
    assertThat(Await.result(local.has(blocks.get(3).cid()))).isFalse();
  }

  @Test
  void aSecondStoreOnTheSameDataDirIsRefused() {
    open();

    Throwable failure =
        Await.failure(
            TieredBlockStore.open(
                vertx, TieredStoreConfig.of(dataDir), Tiers.local(local).withNode(node)));

    assertThat(failure)
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.reason()).isEqualTo("outbox-locked"));
  }

  @Test
  void theJournalIsCompactedAsWritesAreConfirmed() throws Exception {
    outbox = outbox.withCompactBytes(2048);
    open();
    putAll(posts(200));
    awaitDrained();
    Eventually.pause(Duration.ofMillis(100));

    long size = Files.size(dataDir.resolve("outbox").resolve(OutboxJournal.LOG));
    assertThat(size).isLessThan(4096);
    restart();
    assertThat(store.status().outbox().length()).isZero();
  }

  @Test
  void withoutANodeWritesStayLocalAndNoOutboxIsKept() {
    store =
        Await.result(
            TieredBlockStore.open(vertx, TieredStoreConfig.of(dataDir), Tiers.local(local)));
    Block b = posts(1).get(0);

    Await.result(store.putPinned(b));

    assertThat(Await.result(local.isPinned(b.cid()))).isTrue();
    assertThat(dataDir.resolve("outbox")).doesNotExist();
  }
}
