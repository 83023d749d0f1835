package org.ipfeed.store.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipfeed.store.kubo.Futures.await;
import static org.ipfeed.store.kubo.Futures.failure;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ipfeed.schema.car.CarWriter;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.IpfeedException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.TooLargeException;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multibase;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests and error paths against a scripted fake node: hermetic, loopback, port 0. */
class KuboBlockStoreTest {

  private static final byte[] CBOR = {(byte) 0xa1, 0x61, 0x61, 0x01}; // {"a": 1}
  private static final Block BLOCK = Block.of(CBOR, Multicodec.DAG_CBOR);

  private Vertx vertx;
  private FakeNode node;
  private KuboBlockStore store;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    node = FakeNode.start(vertx);
    store = KuboBlockStore.create(vertx, config(node.url()));
  }

  @AfterEach
  void tearDown() {
    await(store.close());
    node.close();
    await(vertx.close());
  }

  /**
   * Short time-outs, but with room for a loaded CI machine: the deadline tests have a store of
   * their own.
   */
  private static KuboStoreConfig config(String url) {
    return KuboStoreConfig.of(url)
        .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5))
        .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(40))
        .withLimits(1024, 64 * 1024);
  }

  private static String reason(Throwable t) {
    assertThat(t).isInstanceOf(IpfeedException.class);
    return ((IpfeedException) t).reason();
  }

  // -- block/put

  @Test
  void putSendsOneOctetStreamPartWithFormatAndAcceptsTheSameCidInBase58() {
    node.on(
        "block/put",
        FakeNode.json(
            "{\"Key\":\"" + BLOCK.cid().toString(Multibase.BASE58BTC) + "\",\"Size\":4}"));

    await(store.put(BLOCK));

    FakeNode.Seen put = node.last("block/put");
    assertThat(put.params().get("format")).isEqualTo("dag-cbor");
    assertThat(put.params().get("mhtype")).isEqualTo("sha2-256");
    assertThat(put.params().get("cid-base")).isEqualTo("base32");
    assertThat(put.params().contains("cid-codec")).isFalse();
    assertThat(put.partContentType()).isEqualTo("application/octet-stream");
    assertThat(put.part()).isEqualTo(CBOR);
  }

  @Test
  void putFailsWhenTheNodeNamesAnotherBlock() {
    Cid other = Cid.dagCbor(new byte[] {(byte) 0xa0});
    node.on("block/put", FakeNode.json("{\"Key\":\"" + other + "\",\"Size\":1}"));

    Throwable t = failure(store.put(BLOCK));

    assertThat(t).isInstanceOf(IntegrityException.class);
    assertThat(reason(t)).isEqualTo("ipfs-cid-mismatch");
  }

  @Test
  void putFailsWhenTheNodeStoresTheBytesUnderAnotherCodec() {
    // What js-ipfs does with cid-codec: the right hash, but a dag-pb CIDv0.
    Cid dagPb = Cid.v0(BLOCK.cid().multihash());
    node.on("block/put", FakeNode.json("{\"Key\":\"" + dagPb + "\",\"Size\":4}"));

    assertThat(reason(failure(store.put(BLOCK)))).isEqualTo("ipfs-cid-mismatch");
  }

  @Test
  void putRefusesAnOversizeBlockWithoutSendingIt() {
    Block big = Block.of(new byte[2000], Multicodec.RAW);

    Throwable t = failure(store.put(big));

    assertThat(t).isInstanceOf(TooLargeException.class);
    assertThat(node.seen()).isEmpty();
  }

  @Test
  void putPinnedPinsDirectlyAfterThePut() {
    node.on("block/put", FakeNode.json("{\"Key\":\"" + BLOCK.cid() + "\",\"Size\":4}"));
    node.on("pin/add", FakeNode.json("{\"Pins\":[\"" + BLOCK.cid() + "\"]}"));

    await(store.putPinned(BLOCK));

    assertThat(node.seen())
        .extracting(FakeNode.Seen::command)
        .containsExactly("block/put", "pin/add");
    FakeNode.Seen pin = node.last("pin/add");
    assertThat(pin.params().get("recursive")).isEqualTo("false");
    assertThat(pin.params().get("timeout")).isEqualTo("300ms");
  }

  // -- block/get

  @Test
  void getReturnsTheVerifiedBlockAndSendsATimeout() {
    node.on("block/get", FakeNode.bytes(CBOR));

    assertThat(await(store.get(BLOCK.cid()))).isEqualTo(BLOCK);
    assertThat(node.last("block/get").params().get("arg")).isEqualTo(BLOCK.cid().toString());
    assertThat(node.last("block/get").params().get("timeout")).isEqualTo("300ms");
  }

  @Test
  void getRejectsBytesThatDoNotMatchTheCid() {
    node.on("block/get", FakeNode.bytes(new byte[] {(byte) 0xa0}));

    Throwable t = failure(store.get(BLOCK.cid()));

    assertThat(t).isInstanceOf(IntegrityException.class);
    assertThat(reason(t)).isEqualTo("block-mismatch");
  }

  @Test
  void getRefusesAnAnswerWhoseLengthIsOverTheLimit() {
    node.on("block/get", FakeNode.bytes(new byte[5000]));

    assertThat(failure(store.get(BLOCK.cid()))).isInstanceOf(TooLargeException.class);
  }

  @Test
  void getCutsOffAnEndlessAnswerAndClosesTheConnection() {
    node.on(
        "block/get",
        (request, seen) -> {
          HttpServerResponse response = request.response().setChunked(true);
          long timer =
              vertx.setPeriodic(
                  5,
                  id -> {
                    if (!response.closed()) {
                      response.write(Buffer.buffer(new byte[256]));
                    }
                  });
          response.closeHandler(v -> vertx.cancelTimer(timer));
        });
    long start = System.nanoTime();

    Throwable t = failure(store.get(BLOCK.cid()));

    assertThat(t).isInstanceOf(TooLargeException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(awaitClosedConnection()).isTrue();
  }

  private boolean awaitClosedConnection() {
    for (int i = 0; i < 100 && node.closedConnections.get() == 0; i++) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return node.closedConnections.get() > 0;
  }

  @Test
  void jsIpfsTimeOutMeansNotFoundAndIsNotRetried() {
    node.on("block/get", FakeNode.error(500, "Failed to get block: request timed out"));

    Throwable t = failure(store.get(BLOCK.cid()));

    assertThat(t).isInstanceOf(NotFoundException.class);
    assertThat(reason(t)).isEqualTo("block-not-found");
    assertThat(node.count("block/get")).isEqualTo(1);
  }

  @Test
  void kuboNotFoundMessagesMeanNotFound() {
    node.on(
        "block/get",
        FakeNode.error(
            500, "block was not found locally (offline): ipld: could not find " + BLOCK.cid()));
    assertThat(failure(store.get(BLOCK.cid()))).isInstanceOf(NotFoundException.class);

    node.on("block/stat", FakeNode.error(500, "context deadline exceeded"));
    assertThat(failure(store.size(BLOCK.cid()))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aSilentNodeTimesOutOnceWithoutRetry() {
    node.on("block/get", FakeNode.silent());
    KuboBlockStore impatient =
        KuboBlockStore.create(
            vertx, config(node.url()).withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1)));
    long start = System.nanoTime();

    Throwable t = failure(impatient.get(BLOCK.cid()));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(t).isInstanceOf(UpstreamException.class);
    assertThat(reason(t)).isEqualTo("ipfs-timeout");
    assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofSeconds(2)); // not 3 tries
    assertThat(node.count("block/get")).isEqualTo(1);
    await(impatient.close());
  }

  @Test
  void a5xxWithoutAnRpcErrorIsRetriedThenReported() {
    node.on("block/get", FakeNode.text(502, "<html>bad gateway</html>"));

    Throwable t = failure(store.get(BLOCK.cid()));

    assertThat(reason(t)).isEqualTo("ipfs-unavailable");
    assertThat(node.count("block/get")).isEqualTo(3);
  }

  @Test
  void aRetryCanSucceed() {
    int[] calls = {0};
    node.on(
        "block/get",
        (request, seen) -> {
          if (calls[0]++ == 0) {
            request.response().setStatusCode(503).end("busy");
          } else {
            request.response().end(Buffer.buffer(CBOR));
          }
        });

    assertThat(await(store.get(BLOCK.cid()))).isEqualTo(BLOCK);
    assertThat(node.count("block/get")).isEqualTo(2);
  }

  @Test
  void a4xxIsNotRetried() {
    node.on("block/get", FakeNode.text(405, "405 - Method Not Allowed"));

    Throwable t = failure(store.get(BLOCK.cid()));

    assertThat(reason(t)).isEqualTo("ipfs-error");
    assertThat(node.count("block/get")).isEqualTo(1);
  }

  @Test
  void anUnreachableNodeFailsFastAfterTheRetries() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    KuboBlockStore nowhere = KuboBlockStore.create(vertx, config("http://127.0.0.1:" + port));
    long start = System.nanoTime();

    Throwable t = failure(nowhere.get(BLOCK.cid()));

    assertThat(t).isInstanceOf(UpstreamException.class);
    assertThat(reason(t)).isEqualTo("ipfs-unreachable");
    // Refused at once, three times with 10-40 ms between: far below one request time-out.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    await(nowhere.close());
  }

  @Test
  void malformedJsonIsABadResponse() {
    node.on("block/stat", FakeNode.json("{\"Key\": "));

    Throwable t = failure(store.size(BLOCK.cid()));

    assertThat(t).isInstanceOf(UpstreamException.class);
    assertThat(reason(t)).isEqualTo("ipfs-bad-response");
  }

  @Test
  void anOversizeJsonAnswerIsCutOff() {
    String huge = "{\"Key\":\"" + "x".repeat(70 * 1024) + "\"}";
    node.on("block/stat", FakeNode.json(huge));

    assertThat(reason(failure(store.size(BLOCK.cid())))).isEqualTo("ipfs-response-too-large");
  }

  // -- block/stat

  @Test
  void hasAsksOfflineAndSaysFalseWhenTheNodeGivesUp() {
    node.on("block/stat", FakeNode.error(500, "Failed to get block stats: request timed out"));

    assertThat(await(store.has(BLOCK.cid()))).isFalse();
    assertThat(node.last("block/stat").params().get("offline")).isEqualTo("true");
  }

  @Test
  void sizeComesFromStatAndTheKeyMustMatch() {
    node.on(
        "block/stat",
        FakeNode.json(
            "{\"Key\":\"" + BLOCK.cid().toString(Multibase.BASE58BTC) + "\",\"Size\":4}"));
    assertThat(await(store.size(BLOCK.cid()))).isEqualTo(4);
    assertThat(await(store.has(BLOCK.cid()))).isTrue();

    node.on("block/stat", FakeNode.json("{\"Key\":\"" + Cid.raw(CBOR) + "\",\"Size\":4}"));
    assertThat(await(store.size(BLOCK.cid()))).isEqualTo(4); // same multihash, other codec

    Cid other = Cid.raw(new byte[] {1});
    node.on("block/stat", FakeNode.json("{\"Key\":\"" + other + "\",\"Size\":1}"));
    assertThat(reason(failure(store.size(BLOCK.cid())))).isEqualTo("ipfs-bad-response");
  }

  // -- block/rm and pins

  @Test
  void deletingAPinnedBlockIsAConflict() {
    node.on(
        "block/rm",
        FakeNode.stream(
            List.of(
                "{\"Hash\":\""
                    + BLOCK.cid().toString(Multibase.BASE58BTC)
                    + "\",\"Error\":\"cannot remove "
                    + BLOCK.cid()
                    + ": pinned: direct\"}"),
            null));

    Throwable t = failure(store.delete(BLOCK.cid()));

    assertThat(t).isInstanceOf(ConflictException.class);
    assertThat(reason(t)).isEqualTo("block-pinned");
    assertThat(node.last("block/rm").params().contains("force")).isFalse();
  }

  @Test
  void deletingAnAbsentOrPresentBlockSucceeds() {
    node.on(
        "block/rm",
        FakeNode.stream(
            List.of(
                "{\"Hash\":\""
                    + BLOCK.cid()
                    + "\",\"Error\":\"cannot remove "
                    + BLOCK.cid()
                    + ": block not found\"}"),
            null));
    await(store.delete(BLOCK.cid()));

    node.on("block/rm", FakeNode.stream(List.of("{\"Hash\":\"" + BLOCK.cid() + "\"}"), null));
    await(store.delete(BLOCK.cid()));
  }

  @Test
  void unpinningWhatIsNotPinnedIsFine() {
    node.on(
        "pin/rm", FakeNode.error(500, "Failed to remove pin: " + BLOCK.cid() + " is not pinned"));
    await(store.unpin(BLOCK.cid()));
    assertThat(node.last("pin/rm").params().get("recursive")).isEqualTo("false");

    node.on("pin/rm", FakeNode.error(500, "not pinned or pinned indirectly"));
    await(store.unpin(BLOCK.cid()));
  }

  @Test
  void isPinnedReadsBothShapesAndNotPinnedMeansFalse() {
    node.on("pin/ls", FakeNode.error(500, "path '" + BLOCK.cid() + "' is not pinned"));
    assertThat(await(store.isPinned(BLOCK.cid()))).isFalse();

    node.on(
        "pin/ls",
        FakeNode.json(
            "{\"Keys\":{\""
                + BLOCK.cid().toString(Multibase.BASE58BTC)
                + "\":{\"Type\":\"direct\"}}}"));
    assertThat(await(store.isPinned(BLOCK.cid()))).isTrue();
    assertThat(node.last("pin/ls").params().get("type")).isEqualTo("direct");
  }

  @Test
  void pinsReadEveryShapeAndKeepDirectPinsOnly() {
    Cid a = Cid.raw(new byte[] {1});
    Cid b = Cid.raw(new byte[] {2});
    Cid c = Cid.raw(new byte[] {3});
    node.on(
        "pin/ls",
        FakeNode.stream(
            List.of(
                "{\"Type\":\"direct\",\"Cid\":\"" + a.toString(Multibase.BASE58BTC) + "\"}",
                "{\"Cid\":\"" + b + "\",\"Type\":\"direct\",\"Name\":\"\"}",
                "{\"Cid\":\"" + c + "\",\"Type\":\"recursive\",\"Name\":\"\"}"),
            null));
    assertThat(await(store.pins())).containsExactlyInAnyOrder(a, b);
    assertThat(node.last("pin/ls").params().get("stream")).isEqualTo("true");

    node.on(
        "pin/ls",
        FakeNode.json(
            "{\"Keys\":{\""
                + a
                + "\":{\"Type\":\"direct\"},\""
                + c
                + "\":{\"Type\":\"indirect\"}}}"));
    assertThat(await(store.pins())).containsExactly(a);
  }

  @Test
  void anErrorInTheStreamTrailerFailsTheCall() {
    node.on(
        "pin/ls",
        FakeNode.stream(
            List.of("{\"Cid\":\"" + BLOCK.cid() + "\",\"Type\":\"direct\"}"),
            "{\"Message\":\"datastore closed\",\"Code\":0}"));

    Throwable t = failure(store.pins());

    assertThat(reason(t)).isEqualTo(KuboBlockStore.REFUSED);
    assertThat(t.getMessage()).contains("datastore closed");
  }

  // -- node info

  @Test
  void versionTellsTheImplementations() {
    node.on(
        "version",
        FakeNode.json(
            "{\"Version\":\"0.18.1\",\"Commit\":\"\",\"Repo\":\"12\",\"ipfs-core\":\"0.18.1\"}"));
    assertThat(await(store.version()))
        .isEqualTo(new KuboNodeVersion("0.18.1", KuboNodeVersion.Implementation.JS_IPFS, "12"));

    node.on(
        "version",
        FakeNode.json(
            "{\"Version\":\"0.41.0\",\"Commit\":\"abc\",\"Repo\":\"16\",\"System\":\"amd64/linux\","
                + "\"Golang\":\"go1.24\"}"));
    assertThat(await(store.version()).implementation())
        .isEqualTo(KuboNodeVersion.Implementation.KUBO);
  }

  // -- dag/export

  @Test
  void exportDagPassesOnOnlyVerifiedBytes() throws Exception {
    Block child = Block.of("hello".getBytes(StandardCharsets.UTF_8), Multicodec.RAW);
    byte[] car = car(List.of(BLOCK.cid()), BLOCK, child);
    node.on("dag/export", FakeNode.bytes(car));
    List<Buffer> written = new CopyOnWriteArrayList<>();

    var result = await(store.exportDag(BLOCK.cid(), CollectingStream.into(written)));

    assertThat(result.blocks()).isEqualTo(2);
    assertThat(result.bytes()).isEqualTo(car.length);
    assertThat(join(written)).isEqualTo(car);
    assertThat(node.last("dag/export").params().get("timeout")).isEqualTo("300ms");
  }

  @Test
  void exportDagRejectsATamperedBlock() throws Exception {
    byte[] car = car(List.of(BLOCK.cid()), BLOCK);
    car[car.length - 1] ^= 1;
    node.on("dag/export", FakeNode.bytes(car));
    List<Buffer> written = new ArrayList<>();

    Throwable t = failure(store.exportDag(BLOCK.cid(), CollectingStream.into(written)));

    assertThat(t).isInstanceOf(IntegrityException.class);
    assertThat(join(written).length).isLessThan(car.length); // the bad section never went out
  }

  @Test
  void exportDagReportsAMissingBlockFromTheTrailer() throws Exception {
    byte[] header = CarWriter.encodeHeader(List.of(BLOCK.cid()));
    node.on(
        "dag/export",
        (request, seen) -> {
          HttpServerResponse response = request.response().setChunked(true);
          response.write(Buffer.buffer(header));
          response.putTrailer(
              "X-Stream-Error",
              "{\"Message\":\"Failed to export DAG: request timed out\",\"Code\":0}");
          response.end();
        });

    Throwable t = failure(store.exportDag(BLOCK.cid(), CollectingStream.into(new ArrayList<>())));

    assertThat(t).isInstanceOf(NotFoundException.class);
  }

  // -- pubsub

  @Test
  void publishSendsTheTopicAsBase64UrlAndTheDataAsAPart() {
    node.on("pubsub/pub", (request, seen) -> request.response().end());

    await(store.publish("posts", "hi".getBytes(StandardCharsets.UTF_8)));

    FakeNode.Seen pub = node.last("pubsub/pub");
    assertThat(pub.params().get("arg")).isEqualTo("ucG9zdHM");
    assertThat(pub.part()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void publishIsNotRetried() {
    node.on("pubsub/pub", FakeNode.text(503, "busy"));

    assertThat(failure(store.publish("posts", new byte[] {1})))
        .isInstanceOf(UpstreamException.class);
    assertThat(node.count("pubsub/pub")).isEqualTo(1);
  }

  @Test
  void subscribeSkipsTheEmptyFirstLineAndDecodesMessages() {
    node.on(
        "pubsub/sub",
        (request, seen) -> {
          HttpServerResponse response = request.response().setChunked(true);
          response.write("{}\n");
          vertx.setTimer(
              50,
              id ->
                  response.write(
                      "{\"from\":\"12D3KooWpeer\",\"data\":\"uaGVsbG8\",\"seqno\":\"uAQ\","
                          + "\"topicIDs\":[\"ucG9zdHM\"]}\n"));
        });
    List<PubSubMessage> received = new CopyOnWriteArrayList<>();

    PubSubSubscription subscription = await(store.subscribe("posts", received::add));
    for (int i = 0; i < 100 && received.isEmpty(); i++) {
      sleep(10);
    }
    await(subscription.cancel());

    assertThat(received)
        .containsExactly(
            new PubSubMessage(
                "12D3KooWpeer",
                "hello".getBytes(StandardCharsets.UTF_8),
                new byte[] {1},
                List.of("posts")));
    assertThat(subscription.ended().succeeded()).isTrue();
  }

  @Test
  void aSubscriptionTheNodeEndsFailsItsEndedFuture() {
    node.on(
        "pubsub/sub",
        (request, seen) -> {
          HttpServerResponse response = request.response().setChunked(true);
          response.write("{}\n");
          vertx.setTimer(50, id -> response.end());
        });

    PubSubSubscription subscription = await(store.subscribe("posts", m -> {}));

    assertThat(reason(failure(subscription.ended()))).isEqualTo("ipfs-subscription-ended");
  }

  // -- lifecycle

  @Test
  void aClosedStoreFailsCalls() {
    await(store.close());

    assertThat(failure(store.get(BLOCK.cid()))).isInstanceOf(IllegalStateException.class);
  }

  private static byte[] car(List<Cid> roots, Block... blocks) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CarWriter writer = CarWriter.open(out, roots)) {
      for (Block block : blocks) {
        writer.write(block.cid(), block.bytes());
      }
    }
    return out.toByteArray();
  }

  private static byte[] join(List<Buffer> buffers) {
    Buffer all = Buffer.buffer();
    buffers.forEach(all::appendBuffer);
    return all.getBytes();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
