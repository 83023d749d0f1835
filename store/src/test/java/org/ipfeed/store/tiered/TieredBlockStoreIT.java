package org.ipfeed.store.tiered;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.ipfeed.store.kubo.KuboBlockStore;
import org.ipfeed.store.kubo.KuboStoreConfig;
import org.ipfeed.store.local.LocalBlockStore;
import org.ipfeed.store.local.LocalStoreConfig;
import org.ipfeed.store.peer.PeerConfig;
import org.ipfeed.store.peer.PeerGatewayReader;
import org.ipfeed.store.peer.PeerStatus;
import org.ipfeed.store.testing.Await;
import org.ipfeed.store.testing.Eventually;
import org.ipfeed.store.testing.JsIpfsNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiered store with its real parts: a LocalBlockStore on disk, a real js-ipfs node through
 * KuboBlockStore, and that node's own HTTP gateway as a peer.
 *
 * <p>Tests that only read and write use the shared node. Tests that stop the node use one of this
 * class's own ({@link #ownNode}); whatever happens in a test, {@link #closeStoresAndReviveNode}
 * starts it again before the next one, and {@link #removeOwnNode} deletes it at the end, so no
 * other test ever sees a stopped node.
 */
@ExtendWith(VertxExtension.class)
class TieredBlockStoreIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** Refused connections are retried twice with a short back-off: well under this. */
  private static final Duration PROMPT = Duration.ofSeconds(3);

  private static JsIpfsNode ownNode;
  private static boolean ownNodeStopped;

  @TempDir Path dataDir;
  private Vertx vertx;
  private final List<TieredBlockStore> stores = new ArrayList<>();
  private final List<KuboBlockStore> checks = new ArrayList<>();

  @BeforeAll
  static void startOwnNode() {
    ownNode = JsIpfsNode.startPrivate();
  }

  @AfterAll
  static void removeOwnNode() {
    if (ownNode != null) {
      ownNode.close();
    }
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
  }

  @AfterEach
  void closeStoresAndReviveNode() {
    try {
      for (TieredBlockStore store : stores) {
        Await.result(store.close(), 60);
      }
      for (KuboBlockStore check : checks) {
        Await.result(check.close());
      }
    } finally {
      if (ownNodeStopped) {
        restartOwnNode();
      }
    }
  }

  private static void stopOwnNode() {
    ownNodeStopped = true;
    ownNode.stop();
  }

  private static void restartOwnNode() {
    ownNode.restart();
    ownNodeStopped = false;
  }

  private LocalBlockStore local() {
    return Await.result(LocalBlockStore.open(vertx, LocalStoreConfig.defaults(dataDir)));
  }

  private KuboBlockStore kubo(JsIpfsNode node) {
    return KuboBlockStore.create(
        vertx,
        KuboStoreConfig.defaults()
            .withApiUrl(node.apiUrl())
            .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(4)));
  }

  /** A client of the node's own, to look at it behind the tiered store's back. */
  private KuboBlockStore check(JsIpfsNode node) {
    KuboBlockStore check = kubo(node);
    checks.add(check);
    return check;
  }

  /** A tiered store on {@link #dataDir} (local store and outbox), with a short retry back-off. */
  private TieredBlockStore open(Tiers tiers) {
    TieredBlockStore store =
        Await.result(
            TieredBlockStore.open(
                vertx,
                TieredStoreConfig.of(dataDir)
                    .withOutbox(
                        OutboxConfig.defaults()
                            .withRetry(Duration.ofMillis(100), Duration.ofSeconds(1))),
                tiers));
    stores.add(store);
    return store;
  }

  private TieredBlockStore openOn(JsIpfsNode node) {
    return open(Tiers.local(local()).withNode(kubo(node)));
  }

  /** Closes the store as a stopping gateway would; its data dir stays for the next instance. */
  private void closeAndForget(TieredBlockStore store) {
    stores.remove(store);
    Await.result(store.close(), 60);
  }

  /** Content no earlier run wrote, so the shared and own nodes start without it. */
  private static Block post(String text) {
    return Block.of(
        DagCbor.encode(
            Ipld.map()
                .put("type", "post")
                .put("text", text)
                .put("nonce", UUID.randomUUID().toString())
                .build()),
        Multicodec.DAG_CBOR);
  }

  private static Block raw(String text) {
    return Block.of(
        (text + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), Multicodec.RAW);
  }

  private static void awaitDrained(TieredBlockStore store) {
    Eventually.until(() -> store.status().outbox().length() == 0, PATIENCE);
  }

  /** The CIDs among {@code ours} that the node pins. */
  private static Set<Cid> pinnedOf(KuboBlockStore node, List<Block> ours) {
    Set<Cid> pinned = new HashSet<>(Await.result(node.pins()));
    Set<Cid> out = new HashSet<>();
    for (Block b : ours) {
      if (pinned.contains(b.cid())) {
        out.add(b.cid());
      }
    }
    return out;
  }

  /** The node's HTTP gateway, read from its own config (the harness reports the API only). */
  private static URI gatewayOf(JsIpfsNode node) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        node.apiUrl().resolve("/api/v0/config?arg=Addresses.Gateway"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    Matcher m = Pattern.compile("/ip4/([0-9.]+)/tcp/([0-9]+)").matcher(response.body());
    if (!m.find()) {
      throw new IllegalStateException("no gateway address in " + response.body());
    }
    return URI.create("http://" + m.group(1) + ":" + m.group(2));
  }

  private static Throwable timedFailure(Future<?> call) {
    long start = System.nanoTime();
    Throwable failure = Await.failure(call);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
    return failure;
  }

  private static void assertUnreachable(Throwable failure) {
    assertThat(failure)
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.reason()).isEqualTo("ipfs-unreachable"));
  }

  @Test
  void writesReachTheRealNodeUnderTheirOwnCidsWithThePinsAsMade() {
    KuboBlockStore node = check(JsIpfsNode.shared());
    TieredBlockStore store = openOn(JsIpfsNode.shared());
    Block plain = post("to the node");
    Block pinned = post("pinned on the node");
    Block leaf = raw("a raw leaf");
    Block unpinned = post("pinned, then not");

    Await.result(store.put(plain));
    Await.result(store.putPinned(pinned));
    Await.result(store.put(leaf));
    Await.result(store.putPinned(unpinned));
    awaitDrained(store);
    Await.result(store.unpin(unpinned.cid()));
    awaitDrained(store);

    List<Block> ours = List.of(plain, pinned, leaf, unpinned);
    for (Block b : ours) {
      // A Block is equal only with the same CID (version, codec, multihash) and the same bytes.
      assertThat(Await.result(node.get(b.cid()))).isEqualTo(b);
    }
    assertThat(pinnedOf(node, ours)).containsExactly(pinned.cid());
    OutboxStatus status = store.status().outbox();
    assertThat(status.node()).isEqualTo(NodeState.UP);
    assertThat(status.pushed()).isEqualTo(5);
    assertThat(status.skipped()).isZero();
    assertThat(status.dropped()).isZero();
  }

  @Test
  void readsFallBackFromLocalToTheNodeAndKeepWhatTheyFetch() {
    KuboBlockStore node = check(JsIpfsNode.shared());
    Block onlyThere = post("only on the node");
    Await.result(node.put(onlyThere));
    LocalBlockStore local = local();
    TieredBlockStore store = open(Tiers.local(local).withNode(kubo(JsIpfsNode.shared())));
    assertThat(Await.result(local.has(onlyThere.cid()))).isFalse();

    assertThat(Await.result(store.get(onlyThere.cid()))).isEqualTo(onlyThere);

    assertThat(Await.result(local.get(onlyThere.cid()))).isEqualTo(onlyThere);
    assertThat(Await.result(store.has(onlyThere.cid()))).isTrue();
    // A block the node answers "not found" for (after its time-out) is a miss, not an outage.
    assertThat(Await.failure(store.get(post("nowhere").cid())))
        .isInstanceOf(NotFoundException.class);
    assertThat(store.status().outbox().length()).as("a read is no write").isZero();
  }

  @Test
  void aRawBlockServedByThePeersGatewayIsFetchedAndKept() throws Exception {
    KuboBlockStore node = check(JsIpfsNode.shared());
    Block leaf = raw("a raw block at a peer");
    Await.result(node.put(leaf));
    Block cbor = post("js-ipfs serves no dag-cbor");
    Await.result(node.put(cbor));
    URI gateway = gatewayOf(JsIpfsNode.shared());
    LocalBlockStore local = local();
    TieredBlockStore store =
        open(
            Tiers.local(local)
                .withPeers(PeerGatewayReader.create(vertx, PeerConfig.of(List.of(gateway)))));

    assertThat(Await.result(store.get(leaf.cid()))).isEqualTo(leaf);
    assertThat(Await.result(local.get(leaf.cid()))).isEqualTo(leaf);
    assertThat(store.status().peers().get(0).reachability())
        .isEqualTo(PeerStatus.Reachability.REACHABLE);

    // shared/ipfs-peer.md: the js-ipfs gateway answers 500 for DAG-CBOR; an outage, not a miss.
    assertThat(Await.failure(store.get(cbor.cid())))
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.reason()).isEqualTo("peer-bad-status"));
    assertThat(Await.result(local.has(cbor.cid()))).isFalse();
  }

  @Test
  void whileTheNodeIsDownNodeReadsFailPromptlyAndWritesWaitInTheOutboxUntilItIsBack() {
    KuboBlockStore node = check(ownNode);
    Block onlyOnNode = post("only on the node, which is about to stop");
    Await.result(node.put(onlyOnNode));
    TieredBlockStore store = openOn(ownNode);
    Block before = post("pinned before the outage");
    Block unpinnedDuring = post("pinned before, unpinned during the outage");
    Await.result(store.putPinned(before));
    Await.result(store.putPinned(unpinnedDuring));
    awaitDrained(store);
    assertThat(pinnedOf(node, List.of(before, unpinnedDuring)))
        .containsExactlyInAnyOrder(before.cid(), unpinnedDuring.cid());

    stopOwnNode();

    // Only the node could have these: its typed outage, fast, never "not found" and never a hang.
    assertUnreachable(timedFailure(store.get(onlyOnNode.cid())));
    assertUnreachable(timedFailure(store.get(post("nowhere").cid())));
    // What is local is still served, and local-only questions are answered.
    assertThat(Await.result(store.get(before.cid()))).isEqualTo(before);
    assertThat(Await.result(store.isPinned(before.cid()))).isTrue();

    List<Block> puts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Block b = i % 2 == 0 ? post("during the outage " + i) : raw("during the outage " + i);
      Await.result(store.put(b));
      puts.add(b);
    }
    Block pinnedDuring = post("pinned during the outage");
    Await.result(store.putPinned(pinnedDuring));
    Block putThenPinned = puts.get(3);
    Await.result(store.pin(putThenPinned.cid()));
    Await.result(store.unpin(unpinnedDuring.cid()));

    Eventually.until(() -> store.status().outbox().node() == NodeState.DOWN, PATIENCE);
    OutboxStatus down = store.status().outbox();
    assertThat(down.length()).isEqualTo(11);
    assertThat(down.lastError()).contains("ipfs-unreachable");
    assertThat(down.nextAttempt()).isPresent();
    for (Block b : puts) {
      assertThat(Await.result(store.has(b.cid()))).isTrue();
    }
    assertThat(Await.result(store.isPinned(pinnedDuring.cid()))).isTrue();
    assertThat(Await.result(store.isPinned(unpinnedDuring.cid()))).isFalse();

    restartOwnNode();
    awaitDrained(store);

    List<Block> all = new ArrayList<>(puts);
    all.addAll(List.of(before, unpinnedDuring, pinnedDuring));
    for (Block b : all) {
      assertThat(Await.result(node.get(b.cid()))).isEqualTo(b);
    }
    assertThat(pinnedOf(node, all))
        .containsExactlyInAnyOrder(before.cid(), pinnedDuring.cid(), putThenPinned.cid());
    OutboxStatus up = store.status().outbox();
    assertThat(up.node()).isEqualTo(NodeState.UP);
    // 2 before; during, 7 puts, the pinned put, the pin (which carries the 8th put) and the unpin.
    assertThat(up.pushed()).isEqualTo(12);
    assertThat(up.skipped()).isEqualTo(1);
    assertThat(up.dropped()).isZero();

    closeAndForget(store);
    TieredBlockStore reopened = openOn(ownNode);
    assertThat(reopened.status().outbox().length()).as("nothing left in the journal").isZero();
  }

  @Test
  void aStoreReopenedWhileTheNodeIsDownDeliversItsOutboxOnceTheNodeIsBack() {
    stopOwnNode();
    TieredBlockStore first = openOn(ownNode);
    List<Block> pinned = new ArrayList<>();
    List<Block> plain = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Block p = post("pinned while the node is down " + i);
      Await.result(first.putPinned(p));
      pinned.add(p);
      Block b = raw("put while the node is down " + i);
      Await.result(first.put(b));
      plain.add(b);
    }
    Eventually.until(() -> first.status().outbox().node() == NodeState.DOWN, PATIENCE);
    closeAndForget(first);

    TieredBlockStore second = openOn(ownNode);
    assertThat(second.status().outbox().length()).isEqualTo(6);
    for (Block b : pinned) {
      assertThat(Await.result(second.get(b.cid()))).isEqualTo(b);
      assertThat(Await.result(second.isPinned(b.cid()))).isTrue();
    }
    for (Block b : plain) {
      assertThat(Await.result(second.get(b.cid()))).isEqualTo(b);
    }
    Eventually.until(() -> second.status().outbox().node() == NodeState.DOWN, PATIENCE);
    assertThat(second.status().outbox().length()).isEqualTo(6);

    restartOwnNode();
    awaitDrained(second);

    KuboBlockStore node = check(ownNode);
    List<Block> all = new ArrayList<>(pinned);
    all.addAll(plain);
    for (Block b : all) {
      assertThat(Await.result(node.get(b.cid()))).isEqualTo(b);
    }
    assertThat(pinnedOf(node, all))
        .containsExactlyInAnyOrderElementsOf(pinned.stream().map(Block::cid).toList());
    assertThat(second.status().outbox().pushed()).isEqualTo(6);
    assertThat(second.status().outbox().dropped()).isZero();

    closeAndForget(second);
    TieredBlockStore third = openOn(ownNode);
    assertThat(third.status().outbox().length()).as("nothing left in the journal").isZero();
  }
}
