package org.ipfeed.store.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.ipfeed.store.peer.FakePeerGateway.Behaviour;
import org.ipfeed.store.peer.PeerStatus.Reachability;
import org.ipfeed.store.testing.Await;
import org.ipfeed.store.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PeerGatewayReaderTest {

  private Vertx vertx;
  private final List<PeerGatewayReader> readers = new ArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
  private Block post;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    post =
        Block.of(
            DagCbor.encode(Ipld.map().put("type", "post").put("text", "hello").build()),
            Multicodec.DAG_CBOR);
  }

  @AfterEach
  void closeReaders() {
    for (PeerGatewayReader reader : readers) {
      Await.result(reader.close());
    }
  }

  private FakePeerGateway peer() {
    return Await.result(FakePeerGateway.start(vertx));
  }

  private PeerGatewayReader reader(PeerConfig config) {
    PeerGatewayReader reader = PeerGatewayReader.create(vertx, config, clock);
    readers.add(reader);
    return reader;
  }

  private PeerGatewayReader reader(FakePeerGateway... peers) {
    List<URI> uris = new ArrayList<>();
    for (FakePeerGateway p : peers) {
      uris.add(p.uri());
    }
    return reader(PeerConfig.of(uris));
  }

  /** A loopback URL where nothing listens. */
  private static URI closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  @Test
  void readsTheVerifiedBlockFromTheFirstPeerThatHasIt() {
    FakePeerGateway without = peer();
    FakePeerGateway with = peer().serve(post);
    PeerGatewayReader reader = reader(without, with);

    assertThat(Await.result(reader.get(post.cid()))).isEqualTo(post);

    assertThat(without.requests()).isEqualTo(1);
    assertThat(with.seen())
        .containsExactly("/ipfs/" + post.cid() + "?format=raw application/vnd.ipld.raw");
    assertThat(reader.status())
        .extracting(PeerStatus::reachability)
        .containsExactly(Reachability.REACHABLE, Reachability.REACHABLE);
  }

  @Test
  void aLyingPeerIsRejectedAndTheNextPeerIsUsed() {
    FakePeerGateway liar = peer().serve(post).behave(Behaviour.LYING);
    FakePeerGateway honest = peer().serve(post);
    PeerGatewayReader reader = reader(liar, honest);

    assertThat(Await.result(reader.get(post.cid()))).isEqualTo(post);

    PeerStatus liarStatus = reader.status().get(0);
    assertThat(liarStatus.reachability()).isEqualTo(Reachability.FAILING);
    assertThat(liarStatus.lastError()).contains("block-mismatch");
  }

  @Test
  void aLieNobodyCorrectsFailsWithIntegrityExceptionNamingTheCidAndThePeer() {
    FakePeerGateway liar = peer().serve(post).behave(Behaviour.LYING);
    FakePeerGateway without = peer();
    PeerGatewayReader reader = reader(liar, without);

    Throwable failure = Await.failure(reader.get(post.cid()));

    assertThat(failure)
        .isInstanceOfSatisfying(
            IntegrityException.class, e -> assertThat(e.reason()).isEqualTo("block-mismatch"))
        .hasMessageContaining(post.cid().toString())
        .hasMessageContaining(liar.uri().toString());
    assertThat(failure.getSuppressed()).hasOnlyElementsOfType(NotFoundException.class);
  }

  @Test
  void anEndlessAnswerIsCutOffAtTheLimitAndTheConnectionClosed() {
    FakePeerGateway flood = peer().behave(Behaviour.ENDLESS);
    PeerGatewayReader reader =
        reader(PeerConfig.of(List.of(flood.uri())).withMaxBlockBytes(64 * 1024));

    Throwable failure = Await.failure(reader.get(post.cid()));

    assertThat(failure)
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.reason()).isEqualTo("peer-answer-too-large"))
        .hasMessageContaining(flood.uri().toString());
    Eventually.until(() -> flood.cutOff() == 1, Duration.ofSeconds(5));
    long sentWhenCut = flood.bytesSent();
    Eventually.pause(Duration.ofMillis(200));
    assertThat(flood.bytesSent()).isEqualTo(sentWhenCut).isLessThan(1 << 20);
  }

  @Test
  void anAnswerDeclaredTooLargeIsRefusedBeforeItsBodyIsRead() {
    FakePeerGateway big = peer().behave(Behaviour.DECLARES_TOO_MUCH);
    PeerGatewayReader reader = reader(big);

    assertThat(Await.failure(reader.get(post.cid())))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("peer-answer-too-large");
              assertThat(e.getMessage()).contains("declared 2097152 bytes");
            });
    Eventually.until(() -> big.cutOff() == 1, Duration.ofSeconds(5));
  }

  @Test
  void aSilentPeerTimesOutAsAnUpstreamFailure() {
    FakePeerGateway silent = peer().behave(Behaviour.SILENT);
    PeerGatewayReader reader =
        reader(PeerConfig.of(List.of(silent.uri())).withTimeout(Duration.ofMillis(300)));

    long start = System.nanoTime();
    Throwable failure = Await.failure(reader.get(post.cid()));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(failure)
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.reason()).isEqualTo("peer-timeout"));
    assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
    assertThat(reader.status().get(0).lastError()).contains("peer-timeout");
  }

  @Test
  void aTricklingPeerIsHeldToTheWholeExchangeTimeout() {
    FakePeerGateway trickle = peer().behave(Behaviour.TRICKLING);
    PeerGatewayReader reader =
        reader(PeerConfig.of(List.of(trickle.uri())).withTimeout(Duration.ofMillis(400)));

    assertThat(Await.failure(reader.get(post.cid())))
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.reason()).isEqualTo("peer-timeout"));
    Eventually.until(() -> trickle.cutOff() == 1, Duration.ofSeconds(5));
  }

  @Test
  void serverErrorsAndRefusedConnectionsAreUpstreamFailures() throws Exception {
    FakePeerGateway broken = peer().behave(Behaviour.BROKEN);
    URI nobody = closedPort();

    assertThat(Await.failure(reader(broken).get(post.cid())))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("peer-bad-status");
              assertThat(e.getMessage()).contains("500");
            });
    assertThat(Await.failure(reader(PeerConfig.of(List.of(nobody))).get(post.cid())))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("peer-unreachable");
              assertThat(e.getMessage()).contains(nobody.toString());
              assertThat(e.getCause()).isNotNull();
            });
  }

  @Test
  void notFoundOrGoneEverywhereIsNotFound() {
    PeerGatewayReader reader = reader(peer(), peer().behave(Behaviour.GONE));

    assertThat(Await.failure(reader.get(post.cid())))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.reason()).isEqualTo("block-not-found"))
        .hasMessageContaining(post.cid().toString());
  }

  @Test
  void aMissWhileAPeerIsDownIsAnUpstreamFailureNotAnAbsence() throws Exception {
    FakePeerGateway without = peer();
    PeerGatewayReader reader = reader(PeerConfig.of(List.of(closedPort(), without.uri())));

    Throwable failure = Await.failure(reader.get(post.cid()));

    assertThat(failure).isInstanceOf(UpstreamException.class);
    assertThat(failure.getSuppressed()).hasOnlyElementsOfType(NotFoundException.class);
  }

  @Test
  void aFailingPeerIsAskedLastUntilItsBackOffRunsOut() {
    FakePeerGateway broken = peer().behave(Behaviour.BROKEN);
    FakePeerGateway honest = peer().serve(post);
    PeerGatewayReader reader =
        reader(
            PeerConfig.of(List.of(broken.uri(), honest.uri()))
                .withRetry(Duration.ofSeconds(10), Duration.ofMinutes(1)));

    Await.result(reader.get(post.cid()));
    assertThat(broken.requests()).isEqualTo(1);
    PeerStatus status = reader.status().get(0);
    assertThat(status.consecutiveFailures()).isEqualTo(1);
    assertThat(status.retryAt()).contains(clock.instant().plusSeconds(10));

    Await.result(reader.get(post.cid()));
    assertThat(broken.requests()).as("asked after the healthy peer, which had it").isEqualTo(1);

    clock.advance(Duration.ofSeconds(11));
    Await.result(reader.get(post.cid()));
    assertThat(broken.requests()).as("first again once its back-off ran out").isEqualTo(2);
    assertThat(reader.status().get(0).retryAt()).contains(clock.instant().plusSeconds(20));
  }

  @Test
  void aPeerInBackOffIsStillAskedWhenNobodyElseHasTheBlock() {
    FakePeerGateway flaky = peer().serve(post).behave(Behaviour.BROKEN);
    FakePeerGateway without = peer();
    PeerGatewayReader reader = reader(flaky, without);
    Await.failure(reader.get(post.cid()));

    flaky.behave(Behaviour.HONEST);

    assertThat(Await.result(reader.get(post.cid()))).isEqualTo(post);
    assertThat(reader.status().get(0).reachability()).isEqualTo(Reachability.REACHABLE);
    assertThat(without.requests()).isEqualTo(2);
  }

  @Test
  void largeBlocksAreVerifiedToo() {
    byte[] bytes = new byte[700 * 1024];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    Block big = Block.of(bytes, Multicodec.RAW);
    FakePeerGateway liar = peer().serve(big).behave(Behaviour.LYING);
    FakePeerGateway honest = peer().serve(big);

    assertThat(Await.result(reader(liar, honest).get(big.cid()))).isEqualTo(big);
  }

  @Test
  void withoutPeersEveryReadMisses() {
    assertThat(Await.failure(reader(PeerConfig.none()).get(post.cid())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aClosedReaderRefusesReads() {
    PeerGatewayReader reader = PeerGatewayReader.create(vertx, PeerConfig.none());
    Await.result(reader.close());

    assertThat(Await.failure(reader.get(post.cid()))).isInstanceOf(IllegalStateException.class);
  }
}
