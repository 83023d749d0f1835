package org.ipfeed.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.kubo.KuboBlockStore;
import org.ipfeed.store.kubo.KuboStoreConfig;
import org.ipfeed.store.local.LocalBlockStore;
import org.ipfeed.store.local.LocalStoreConfig;
import org.ipfeed.store.testing.Await;
import org.ipfeed.store.testing.JsIpfsNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CAR exported from the IPFS node imports into the local store, and one exported from the local
 * store imports into the node, with the same CIDs and bytes: through ipfeed's own walk ({@code
 * exportCar}/{@code importCar}) on both sides, and through the node's native {@code dag/export} and
 * {@code dag/import}. The shared js-ipfs node and LocalBlockStores on disk; CAR files on disk.
 */
@ExtendWith(VertxExtension.class)
class CarRoundTripIT {

  @TempDir Path dir;
  private Vertx vertx;
  private KuboBlockStore node;
  private final List<LocalBlockStore> locals = new ArrayList<>();

  @BeforeEach
  void connect(Vertx vertx) {
    this.vertx = vertx;
    node =
        KuboBlockStore.create(
            vertx,
            KuboStoreConfig.of(JsIpfsNode.shared().apiUrl().toString())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5)));
  }

  @AfterEach
  void close() {
    try {
      for (LocalBlockStore local : locals) {
        Await.result(local.close());
      }
    } finally {
      Await.result(node.close());
    }
  }

  private LocalBlockStore local(String name) {
    LocalBlockStore local =
        Await.result(LocalBlockStore.open(vertx, LocalStoreConfig.defaults(dir.resolve(name))));
    locals.add(local);
    return local;
  }

  /**
   * A thread of posts: a root linking two posts, which link three raw media leaves between them,
   * and the second post replies to the first, so the walk meets a block twice. Root first.
   */
  private static List<Block> thread() {
    String nonce = UUID.randomUUID().toString();
    Block image = raw("an image " + nonce);
    Block thumb = raw("its thumbnail " + nonce);
    Block clip = raw("a clip " + nonce);
    Block first =
        cbor(
            Ipld.map()
                .put("type", "post")
                .put("text", "first " + nonce)
                .put("media", image.cid())
                .put("thumb", thumb.cid())
                .build());
    Block second =
        cbor(
            Ipld.map()
                .put("type", "post")
                .put("text", "second " + nonce)
                .put("media", clip.cid())
                .put("reply", first.cid())
                .build());
    Block root =
        cbor(
            Ipld.map()
                .put("type", "thread")
                .put("posts", Ipld.list(Ipld.of(first.cid()), Ipld.of(second.cid())))
                .build());
    return List.of(root, first, second, image, thumb, clip);
  }

  private static Block raw(String text) {
    return Block.of(text.getBytes(StandardCharsets.UTF_8), Multicodec.RAW);
  }

  private static Block cbor(Ipld value) {
    return Block.of(DagCbor.encode(value), Multicodec.DAG_CBOR);
  }

  private static List<Cid> cids(List<Block> blocks) {
    return blocks.stream().map(Block::cid).toList();
  }

  private static void putAll(BlockStore store, List<Block> blocks) {
    for (Block b : blocks) {
      Await.result(store.put(b));
    }
  }

  /** Each of {@code blocks} read back from {@code store}: same CID, same bytes. */
  private static void assertHolds(BlockStore store, List<Block> blocks) {
    for (Block b : blocks) {
      assertThat(Await.result(store.get(b.cid()))).as("%s", b.cid()).isEqualTo(b);
    }
  }

  /** Whether the node has each block, asked all at once (js-ipfs waits its time-out per miss). */
  private List<Boolean> nodeHas(List<Block> blocks) {
    List<Future<Boolean>> asked = blocks.stream().map(b -> node.has(b.cid())).toList();
    Await.result(Future.all(asked));
    return asked.stream().map(Future::result).toList();
  }

  private Path export(BlockStore from, Cid root, String name, int expectedBlocks) {
    Path car = dir.resolve(name);
    AsyncFile out =
        Await.result(vertx.fileSystem().open(car.toString(), new OpenOptions().setWrite(true)));
    CarExportResult exported = Await.result(from.exportCar(CarExportRequest.dag(root, 100), out));
    Await.result(out.close());
    assertThat(exported.blocks()).isEqualTo(expectedBlocks);
    assertThat(exported.truncated()).isFalse();
    assertThat(exported.skipped()).isZero();
    return car;
  }

  private CarImportResult importInto(BlockStore to, Path car, boolean pinRoots) {
    AsyncFile in =
        Await.result(vertx.fileSystem().open(car.toString(), new OpenOptions().setRead(true)));
    return Await.result(to.importCar(in, pinRoots));
  }

  @Test
  void aDagExportedFromTheNodeImportsIntoTheLocalStoreAndBackIntoTheNode() throws Exception {
    List<Block> dag = thread();
    Block root = dag.get(0);
    putAll(node, dag);

    Path fromNode = export(node, root.cid(), "from-node.car", dag.size());
    LocalBlockStore local = local("local");
    CarImportResult intoLocal = importInto(local, fromNode, true);

    assertThat(intoLocal.roots()).containsExactly(root.cid());
    assertThat(intoLocal.blocks()).isEqualTo(dag.size());
    assertThat(intoLocal.stored()).isEqualTo(dag.size());
    assertHolds(local, dag);
    assertThat(Await.result(local.pins())).containsExactly(root.cid());

    // Take the DAG off the node, so that only the import can bring it back.
    for (Block b : dag) {
      Await.result(node.delete(b.cid()));
    }
    assertThat(nodeHas(dag)).containsOnly(false);

    Path fromLocal = export(local, root.cid(), "from-local.car", dag.size());
    // The same walk over the same blocks: the same bytes, whichever store it read.
    assertThat(Files.readAllBytes(fromLocal)).isEqualTo(Files.readAllBytes(fromNode));
    CarImportResult intoNode = importInto(node, fromLocal, true);

    assertThat(intoNode.roots()).containsExactly(root.cid());
    assertThat(intoNode.blocks()).isEqualTo(dag.size());
    assertHolds(node, dag);
    assertThat(Await.result(node.isPinned(root.cid()))).isTrue();
    Await.result(node.unpin(root.cid()));
  }

  @Test
  void theNodesOwnDagExportAndImportInterworkWithTheLocalStore() throws Exception {
    List<Block> onNode = thread();
    putAll(node, onNode);
    Path nodeCar = dir.resolve("dag-export.car");
    AsyncFile out =
        Await.result(vertx.fileSystem().open(nodeCar.toString(), new OpenOptions().setWrite(true)));
    CarExportResult exported = Await.result(node.exportDag(onNode.get(0).cid(), out));
    Await.result(out.close());
    assertThat(exported.blocks()).isEqualTo(onNode.size());

    LocalBlockStore local = local("local");
    CarImportResult intoLocal = importInto(local, nodeCar, false);

    assertThat(intoLocal.roots()).containsExactly(onNode.get(0).cid());
    assertThat(intoLocal.stored()).isEqualTo(onNode.size());
    assertHolds(local, onNode);
    assertThat(Await.result(local.pins())).isEmpty();

    List<Block> onlyLocal = thread();
    putAll(local, onlyLocal);
    assertThat(nodeHas(onlyLocal)).containsOnly(false);
    Path localCar = export(local, onlyLocal.get(0).cid(), "local.car", onlyLocal.size());

    CarImportResult intoNode =
        Await.result(node.importDag(Buffer.buffer(Files.readAllBytes(localCar)), false));

    assertThat(intoNode.roots()).containsExactly(onlyLocal.get(0).cid());
    assertThat(intoNode.blocks()).isEqualTo(onlyLocal.size());
    assertHolds(node, onlyLocal);
    assertThat(Await.result(node.pins())).doesNotContainAnyElementsOf(cids(onlyLocal));
  }
}
