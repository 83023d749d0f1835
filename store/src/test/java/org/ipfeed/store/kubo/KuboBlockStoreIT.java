package org.ipfeed.store.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipfeed.store.kubo.Futures.await;
import static org.ipfeed.store.kubo.Futures.failure;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ipfeed.schema.car.CarBlock;
import org.ipfeed.schema.car.CarReader;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.codec.DagJson;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.ipfeed.store.testing.JsIpfsNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every operation against the real js-ipfs node that run-tests started. */
class KuboBlockStoreIT {

  private static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);

  private static Vertx vertx;
  private static KuboBlockStore store;

  @BeforeAll
  static void connect() {
    vertx = Vertx.vertx();
    store = KuboBlockStore.create(vertx, config(JsIpfsNode.shared()));
  }

  @AfterAll
  static void disconnect() {
    await(store.close());
    await(vertx.close());
  }

  static KuboStoreConfig config(JsIpfsNode node) {
    return KuboStoreConfig.of(node.apiUrl().toString())
        .withTimeouts(NODE_TIMEOUT, Duration.ofSeconds(5));
  }

  /** Bytes no other test run wrote, so "absent" and "pinned" start from a known state. */
  private static String unique() {
    return UUID.randomUUID().toString();
  }

  @Test
  void theNodeNamesEveryBlockWithTheCidIpfeedComputes() {
    Ipld value = Ipld.map().put("text", "hello " + unique()).put("n", 7).build();
    List<Block> blocks =
        List.of(
            Block.of(DagCbor.encode(value), Multicodec.DAG_CBOR),
            Block.of(unique().getBytes(StandardCharsets.UTF_8), Multicodec.RAW),
            Block.of(DagJson.encode(value), Multicodec.DAG_JSON));

    for (Block block : blocks) {
      // put() itself fails unless the node's CID has our multihash and codec; pin/ls then gives
      // the node's CID back, to compare whole.
      await(store.putPinned(block));
      assertThat(await(store.pins())).as(block.cid().codec().name()).contains(block.cid());
      assertThat(await(store.get(block.cid()))).isEqualTo(block);
      await(store.unpin(block.cid()));
    }
  }

  @Test
  void everyOperationOnOneBlock() {
    Block block =
        Block.of(DagCbor.encode(Ipld.map().put("id", unique()).build()), Multicodec.DAG_CBOR);
    Cid cid = block.cid();

    assertThat(await(store.has(cid))).isFalse();
    await(store.put(block));
    await(store.put(block)); // twice is harmless
    assertThat(await(store.has(cid))).isTrue();
    assertThat(await(store.size(cid))).isEqualTo(block.length());
    assertThat(await(store.get(cid))).isEqualTo(block);

    assertThat(await(store.isPinned(cid))).isFalse();
    await(store.pin(cid));
    await(store.pin(cid)); // idempotent
    assertThat(await(store.isPinned(cid))).isTrue();
    assertThat(await(store.pins())).contains(cid);
    assertThat(failure(store.delete(cid))).isInstanceOf(ConflictException.class);

    await(store.unpin(cid));
    await(store.unpin(cid)); // unpinning what is not pinned is fine
    assertThat(await(store.isPinned(cid))).isFalse();
    assertThat(await(store.pins())).doesNotContain(cid);

    await(store.delete(cid));
    await(store.delete(cid)); // absent is fine
    assertThat(await(store.has(cid))).isFalse();
  }

  @Test
  void aBlockTheNodeLacksIsNotFoundWithinTheNodeTimeout() {
    Cid missing = Cid.raw(unique().getBytes(StandardCharsets.UTF_8));
    long start = System.nanoTime();

    assertThat(failure(store.get(missing))).isInstanceOf(NotFoundException.class);
    assertThat(failure(store.size(missing))).isInstanceOf(NotFoundException.class);
    assertThat(failure(store.pin(missing))).isInstanceOf(NotFoundException.class);
    assertThat(await(store.has(missing))).isFalse();

    // Four look-ups, each ending when the node's own time-out does.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(NODE_TIMEOUT.multipliedBy(4).plusSeconds(3));
  }

  @Test
  void theLargestBlockGoesBothWays() {
    byte[] bytes = new byte[Block.MAX_BYTES];
    byte[] id = unique().getBytes(StandardCharsets.UTF_8);
    System.arraycopy(id, 0, bytes, 0, id.length);
    Block block = Block.of(bytes, Multicodec.RAW);

    await(store.put(block));

    assertThat(await(store.get(block.cid()))).isEqualTo(block);
    await(store.delete(block.cid()));
  }

  @Test
  void idAndVersionTellJsIpfs() {
    KuboNodeVersion version = await(store.version());
    assertThat(version.implementation()).isEqualTo(KuboNodeVersion.Implementation.JS_IPFS);
    assertThat(version.version()).isEqualTo("0.18.1"); // ipfs-core inside the ipfs 0.66.1 package

    KuboNodeId id = await(store.id());
    assertThat(id.peerId()).startsWith("12D3KooW");
    assertThat(id.agentVersion()).startsWith("js-ipfs/");
    assertThat(id.addresses()).allMatch(a -> a.startsWith("/ip4/127.0.0.1/"));
  }

  @Test
  void aDagExportedFromTheNodeVerifiesAndImportsIntoAnotherNode() throws Exception {
    Block leaf = Block.of(unique().getBytes(StandardCharsets.UTF_8), Multicodec.RAW);
    Block middle =
        Block.of(
            DagCbor.encode(Ipld.map().put("leaf", leaf.cid()).put("n", 1).build()),
            Multicodec.DAG_CBOR);
    Block root =
        Block.of(
            DagCbor.encode(Ipld.map().put("middle", middle.cid()).put("leaf", leaf.cid()).build()),
            Multicodec.DAG_CBOR);
    for (Block block : List.of(leaf, middle, root)) {
      await(store.put(block));
    }
    List<Buffer> chunks = new CopyOnWriteArrayList<>();

    var exported = await(store.exportDag(root.cid(), CollectingStream.into(chunks)));

    Buffer car = Buffer.buffer();
    chunks.forEach(car::appendBuffer);
    assertThat(exported.blocks()).isEqualTo(3);
    assertThat(exported.bytes()).isEqualTo(car.length());
    List<CarBlock> read = new ArrayList<>();
    try (CarReader reader = CarReader.open(new ByteArrayInputStream(car.getBytes()))) {
      assertThat(reader.roots()).containsExactly(root.cid());
      for (CarBlock block = reader.next(); block != null; block = reader.next()) {
        read.add(block);
      }
    }
    assertThat(read)
        .extracting(CarBlock::cid)
        .containsExactlyInAnyOrder(root.cid(), middle.cid(), leaf.cid());

    try (JsIpfsNode other = JsIpfsNode.startPrivate()) {
      KuboBlockStore elsewhere = KuboBlockStore.create(vertx, config(other));
      var imported = await(elsewhere.importDag(car, true));
      assertThat(imported.roots()).containsExactly(root.cid());
      assertThat(imported.blocks()).isEqualTo(3);
      for (Block block : List.of(leaf, middle, root)) {
        assertThat(await(elsewhere.get(block.cid()))).isEqualTo(block);
      }
      assertThat(await(elsewhere.pins())).isEmpty(); // dag/import pins recursively, not directly
      await(elsewhere.close());
    }
  }

  @Test
  void exportingADagWithAMissingBlockIsNotFound() {
    Cid absent = Cid.raw(unique().getBytes(StandardCharsets.UTF_8));
    Block root =
        Block.of(DagCbor.encode(Ipld.map().put("gone", absent).build()), Multicodec.DAG_CBOR);
    await(store.put(root));

    Throwable t = failure(store.exportDag(root.cid(), CollectingStream.into(new ArrayList<>())));

    assertThat(t).isInstanceOf(NotFoundException.class);
  }

  @Test
  void pubsubRoundTrip() throws Exception {
    String topic = "ipfeed-test-" + unique();
    List<PubSubMessage> received = new CopyOnWriteArrayList<>();
    PubSubSubscription subscription = await(store.subscribe(topic, received::add));
    byte[] first = ("first " + unique()).getBytes(StandardCharsets.UTF_8);
    byte[] second = ("second " + unique()).getBytes(StandardCharsets.UTF_8);

    await(store.publish(topic, first));
    await(store.publish(topic, second));
    for (int i = 0; i < 100 && received.size() < 2; i++) {
      Thread.sleep(50);
    }
    await(subscription.cancel());

    assertThat(received).extracting(PubSubMessage::data).containsExactly(first, second);
    assertThat(received).allSatisfy(m -> assertThat(m.topics()).containsExactly(topic));
    assertThat(received.get(0).from()).isEqualTo(await(store.id()).peerId());
  }
}
