package org.ipfeed.store.tiered;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.ipfeed.store.CarExportRequest;
import org.ipfeed.store.CarExportResult;
import org.ipfeed.store.peer.FakePeerGateway;
import org.ipfeed.store.peer.FakePeerGateway.Behaviour;
import org.ipfeed.store.peer.PeerConfig;
import org.ipfeed.store.peer.PeerGatewayReader;
import org.ipfeed.store.testing.Await;
import org.ipfeed.store.testing.MemoryBlockStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Reads: local first, then the node, then peers; what is found upstream is kept. */
@ExtendWith(VertxExtension.class)
class TieredReadTest {

  @TempDir Path dataDir;
  private Vertx vertx;
  private MemoryBlockStore local;
  private FakeNode node;
  private TieredBlockStore store;
  private Block post;

  private static Block cbor(Ipld value) {
    return Block.of(DagCbor.encode(value), Multicodec.DAG_CBOR);
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    local = new MemoryBlockStore(vertx);
    node = new FakeNode(vertx);
    post = cbor(Ipld.map().put("type", "post").put("text", "tiers").build());
  }

  @AfterEach
  void close() {
    if (store != null) {
      Await.result(store.close());
    }
  }

  private FakePeerGateway peer() {
    return Await.result(FakePeerGateway.start(vertx));
  }

  private TieredBlockStore open(Tiers tiers) {
    store = Await.result(TieredBlockStore.open(vertx, TieredStoreConfig.of(dataDir), tiers));
    return store;
  }

  private PeerGatewayReader peers(FakePeerGateway... gateways) {
    List<URI> uris = new ArrayList<>();
    for (FakePeerGateway g : gateways) {
      uris.add(g.uri());
    }
    return PeerGatewayReader.create(vertx, PeerConfig.of(uris));
  }

  @Test
  void aLocalBlockIsServedWithoutAskingUpstream() {
    FakePeerGateway peer = peer().serve(post);
    open(Tiers.local(local).withNode(node).withPeers(peers(peer)));
    Await.result(local.put(post));

    assertThat(Await.result(store.get(post.cid()))).isEqualTo(post);
    assertThat(node.gets()).isZero();
    assertThat(peer.requests()).isZero();
  }

  @Test
  void aBlockOnlyOnTheNodeIsFetchedAndKeptLocallyWithoutAskingPeers() {
    FakePeerGateway peer = peer().serve(post);
    open(Tiers.local(local).withNode(node).withPeers(peers(peer)));
    node.holds(post);

    assertThat(Await.result(store.get(post.cid()))).isEqualTo(post);
    assertThat(Await.result(local.get(post.cid()))).isEqualTo(post);
    assertThat(peer.requests()).isZero();
    assertThat(node.puts()).as("a fetched block is not pushed back").isZero();
  }

  @Test
  void aBlockOnlyAtAPeerIsFetchedVerifiedAndKeptLocally() {
    FakePeerGateway peer = peer().serve(post);
    open(Tiers.local(local).withNode(node).withPeers(peers(peer)));

    assertThat(Await.result(store.get(post.cid()))).isEqualTo(post);
    assertThat(node.gets()).as("the node was asked first").isEqualTo(1);
    assertThat(Await.result(local.get(post.cid()))).isEqualTo(post);

    Await.result(store.get(post.cid()));
    assertThat(peer.requests()).as("the second read is local").isEqualTo(1);
  }

  @Test
  void aLyingPeerIsRejectedTheNextPeerUsedAndNothingBadStored() {
    FakePeerGateway liar = peer().serve(post).behave(Behaviour.LYING);
    FakePeerGateway honest = peer().serve(post);
    open(Tiers.local(local).withPeers(peers(liar, honest)));

    assertThat(Await.result(store.get(post.cid()))).isEqualTo(post);
    assertThat(local.size()).isEqualTo(1);
    assertThat(Await.result(local.get(post.cid())).bytes()).isEqualTo(post.bytes());
  }

  @Test
  void aLieNobodyCorrectsFailsAndStoresNothing() {
    FakePeerGateway liar = peer().serve(post).behave(Behaviour.LYING);
    open(Tiers.local(local).withNode(node).withPeers(peers(liar)));

    Throwable failure = Await.failure(store.get(post.cid()));

    assertThat(failure)
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining(post.cid().toString())
        .hasMessageContaining(liar.uri().toString());
    assertThat(failure.getSuppressed()).hasOnlyElementsOfType(NotFoundException.class);
    assertThat(local.size()).isZero();
  }

  @Test
  void aBlockNowhereIsNotFound() {
    open(Tiers.local(local).withNode(node).withPeers(peers(peer())));

    assertThat(Await.failure(store.get(post.cid())))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.reason()).isEqualTo("block-not-found"))
        .hasMessageContaining("IPFS node");
  }

  @Test
  void aMissWhileTheNodeIsDownIsTheNodesTypedError() {
    open(Tiers.local(local).withNode(node).withPeers(peers(peer())));
    node.down(true);

    Throwable failure = Await.failure(store.get(post.cid()));

    assertThat(failure)
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.reason()).isEqualTo("ipfs-unreachable"));
    assertThat(failure.getSuppressed()).hasOnlyElementsOfType(NotFoundException.class);
  }

  @Test
  void peersStillServeWhileTheNodeIsDown() {
    open(Tiers.local(local).withNode(node).withPeers(peers(peer().serve(post))));
    node.down(true);

    assertThat(Await.result(store.get(post.cid()))).isEqualTo(post);
    assertThat(Await.result(local.has(post.cid()))).isTrue();
  }

  @Test
  void withoutUpstreamTiersAMissIsTheLocalStoresMiss() {
    open(Tiers.local(local));

    assertThat(Await.failure(store.get(post.cid()))).isInstanceOf(NotFoundException.class);
    assertThat(store.status().outbox().node()).isEqualTo(NodeState.NOT_CONFIGURED);
  }

  @Test
  void hasAndSizeAnswerForTheLocalStoreOnly() {
    open(Tiers.local(local).withNode(node));
    node.holds(post);

    assertThat(Await.result(store.has(post.cid()))).isFalse();
    assertThat(Await.failure(store.size(post.cid()))).isInstanceOf(NotFoundException.class);
    assertThat(node.gets()).isZero();

    Await.result(store.get(post.cid()));
    assertThat(Await.result(store.has(post.cid()))).isTrue();
    assertThat(Await.result(store.size(post.cid()))).isEqualTo(post.length());
  }

  @Test
  void aCarExportPullsMissingBlocksFromUpstreamAndKeepsThem() throws Exception {
    Block leaf = Block.of(new byte[] {7, 7, 7}, Multicodec.RAW);
    Block middle = cbor(Ipld.map().put("leaf", leaf.cid()).build());
    Block root = cbor(Ipld.map().put("middle", middle.cid()).put("n", 1).build());
    FakePeerGateway peer = peer().serve(leaf);
    open(Tiers.local(local).withNode(node).withPeers(peers(peer)));
    Await.result(local.put(root));
    node.holds(middle);

    Path car = dataDir.resolve("export.car");
    AsyncFile out =
        Await.result(vertx.fileSystem().open(car.toString(), new OpenOptions().setWrite(true)));
    CarExportResult result =
        Await.result(store.exportCar(CarExportRequest.dag(root.cid(), 10), out));
    Await.result(out.close());

    assertThat(result.blocks()).isEqualTo(3);
    for (Cid cid : List.of(root.cid(), middle.cid(), leaf.cid())) {
      assertThat(Await.result(local.has(cid))).isTrue();
    }
  }
}
