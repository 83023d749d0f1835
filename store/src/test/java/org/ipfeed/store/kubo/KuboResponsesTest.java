package org.ipfeed.store.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.multiformats.Cid;
import org.junit.jupiter.api.Test;

/** The answers both nodes send, copied from a js-ipfs 0.66.1 node and from Kubo's sources. */
class KuboResponsesTest {

  private static final Cid RAW =
      Cid.parse("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq");

  @Test
  void base58AndBase32NameTheSameCid() {
    var put =
        KuboResponses.keySize(
            new JsonObject(
                "{\"Key\":\"zb2rhZfjRh2FHHB2RkHVEvL2vJnCTcu7kwRqgVsf9gpkLgteo\",\"Size\":5}"));
    assertThat(put.key()).isEqualTo(RAW);
    assertThat(put.size()).isEqualTo(5);
  }

  @Test
  void badFieldsAreTheNodesFault() {
    for (String json :
        List.of(
            "{\"Size\":5}",
            "{\"Key\":\"not-a-cid\",\"Size\":5}",
            "{\"Key\":\"" + RAW + "\",\"Size\":-1}",
            "{\"Key\":\"" + RAW + "\",\"Size\":\"5\"}")) {
      assertThatThrownBy(() -> KuboResponses.keySize(new JsonObject(json)))
          .isInstanceOf(UpstreamException.class)
          .hasMessageContaining("");
    }
  }

  @Test
  void pinLsShapes() {
    String b58 = "zb2rhZfjRh2FHHB2RkHVEvL2vJnCTcu7kwRqgVsf9gpkLgteo";
    assertThat(
            KuboResponses.pinLsLine(
                new JsonObject("{\"Keys\":{\"" + b58 + "\":{\"Type\":\"direct\"}}}"), "direct"))
        .containsExactly(RAW);
    assertThat(
            KuboResponses.pinLsLine(
                new JsonObject("{\"Type\":\"direct\",\"Cid\":\"" + b58 + "\"}"), "direct"))
        .containsExactly(RAW);
    assertThat(
            KuboResponses.pinLsLine(
                new JsonObject("{\"Cid\":\"" + RAW + "\",\"Type\":\"recursive\",\"Name\":\"x\"}"),
                "direct"))
        .isEmpty();
    assertThatThrownBy(() -> KuboResponses.pinLsLine(new JsonObject("{\"Pins\":[]}"), "direct"))
        .isInstanceOf(UpstreamException.class);
  }

  @Test
  void blockRmLines() {
    assertThat(KuboResponses.removal(new JsonObject("{\"Hash\":\"" + RAW + "\"}")))
        .isEqualTo(new KuboResponses.Removal(RAW, null));
    assertThat(
            KuboResponses.removal(
                    new JsonObject("{\"Hash\":\"" + RAW + "\",\"Error\":\"x: pinned: direct\"}"))
                .error())
        .isEqualTo("x: pinned: direct");
  }

  @Test
  void dagImportLines() {
    var root =
        KuboResponses.importedRoot(
            new JsonObject("{\"Root\":{\"Cid\":{\"/\":\"" + RAW + "\"},\"PinErrorMsg\":\"\"}}"));
    assertThat(root).isEqualTo(new KuboResponses.ImportedRoot(RAW, null));
    assertThat(
            KuboResponses.importedRoot(
                new JsonObject("{\"Stats\":{\"BlockCount\":3,\"BlockBytesCount\":99}}")))
        .isNull();
  }

  @Test
  void pubSubTopicsAndMessages() {
    assertThat(KuboResponses.topicArg("posts")).isEqualTo("ucG9zdHM");
    assertThat(KuboResponses.pubSubMessage(new JsonObject("{}"))).isNull();

    // As js-ipfs sent it, with the key and signature fields Kubo leaves out.
    PubSubMessage message =
        KuboResponses.pubSubMessage(
            new JsonObject(
                "{\"from\":\"12D3KooWMq4hetWeX8MWCyHdXe4YAVDaL6y1zsfWpY6DUhKGT3VT\","
                    + "\"data\":\"uaGVsbG8\",\"seqno\":\"u4PIOV8Vxdx4\",\"topicIDs\":[\"ucG9zdHM\"],"
                    + "\"key\":\"uCAESILJ6\",\"signature\":\"u3jmS\"}"));
    assertThat(message.data()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    assertThat(message.topics()).containsExactly("posts");
    assertThat(message.seqno()).hasSize(8);

    assertThatThrownBy(
            () ->
                KuboResponses.pubSubMessage(
                    new JsonObject("{\"from\":\"p\",\"data\":\"maGVsbG8=\"}")))
        .isInstanceOf(UpstreamException.class);
  }

  @Test
  void errorBodiesAndTrailers() {
    assertThat(
            NodeRpc.commandErrorMessage(
                "{\"Message\":\"Failed to get block: request timed out\",\"Code\":0,\"Type\":\"error\"}"))
        .isEqualTo("Failed to get block: request timed out");
    assertThat(NodeRpc.commandErrorMessage("<html>502</html>")).isNull();
    assertThat(NodeRpc.errorMessage("context deadline exceeded"))
        .isEqualTo("context deadline exceeded");
  }

  @Test
  void commandErrorPhrases() {
    assertThat(new NodeCommandError(500, "Failed to get block: request timed out").blockMissing())
        .isTrue();
    assertThat(new NodeCommandError(500, "ipld: could not find bafy").blockMissing()).isTrue();
    assertThat(new NodeCommandError(500, "path 'x' is not pinned").notPinned()).isTrue();
    assertThat(new NodeCommandError(200, "cannot remove x: pinned: direct").pinned()).isTrue();
    assertThat(new NodeCommandError(200, "cannot remove x: pinned: direct").notPinned()).isFalse();
    assertThat(new NodeCommandError(500, "x is not pinned").pinned()).isFalse();
  }
}
