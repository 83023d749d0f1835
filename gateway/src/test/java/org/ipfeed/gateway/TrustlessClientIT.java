package org.ipfeed.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.KeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trustless responses as another implementation sees them: the reference JavaScript IPLD
 * libraries ({@code @ipld/car}, {@code @ipld/dag-cbor}, {@code multiformats}) fetch a signed log
 * from a running gateway, check every block against its CID and verify each signature with Node's
 * own Ed25519. Shares no code with ipfeed.
 */
class TrustlessClientIT {

  @TempDir static Path dir;
  static GatewayHarness gw;
  static List<SignedEntry> log = new ArrayList<>();
  static String clientDir;

  @BeforeAll
  static void start() throws Exception {
    clientDir = install();
    gw = new GatewayHarness(dir);
    KeyPair key = KeyPair.fromSeed(new byte[32]);
    Instant t = Instant.parse("2026-11-26T12:00:00.000Z");
    EntryHeader header = EntryHeader.first(key.did(), t);
    for (String text : List.of("first post", "a second one, with #words", "and a third")) {
      SignedEntry signed = SignedEntry.sign(Post.of(header, text), key);
      GatewayHarness.await(gw.store.put(signed.block(), signed.cid().codec()));
      log.add(signed);
      t = t.plusSeconds(60);
      header = EntryHeader.after(header, signed.cid(), t);
    }
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void theReferenceClientVerifiesTheRawBlockAndTheCarOfALog() throws Exception {
    SignedEntry head = log.get(2);

    JsonObject seen = verify(head.cid().toString());

    JsonObject raw = seen.getJsonObject("raw");
    assertThat(raw.getString("contentType")).isEqualTo("application/vnd.ipld.raw");
    assertThat(raw.getJsonObject("entry").getBoolean("signatureValid")).isTrue();
    assertThat(raw.getJsonObject("entry").getInteger("seq")).isEqualTo(3);
    JsonObject car = seen.getJsonObject("car");
    assertThat(car.getString("contentType")).contains("application/vnd.ipld.car", "version=1");
    assertThat(car.getJsonArray("roots").getList()).containsExactly(head.cid().toString());
    JsonArray blocks = car.getJsonArray("blocks");
    assertThat(blocks.size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      JsonObject b = blocks.getJsonObject(i);
      SignedEntry expected = log.get(2 - i);
      assertThat(b.getString("cid")).isEqualTo(expected.cid().toString());
      assertThat(b.getBoolean("signatureValid")).isTrue();
      assertThat(b.getString("type")).isEqualTo("post");
    }
    assertThat(blocks.getJsonObject(0).getString("prev")).isEqualTo(log.get(1).cid().toString());
  }

  @Test
  void theReferenceClientRejectsAGatewayThatServesOtherBytes() throws Exception {
    // A block stored under the wrong CID can't be put through the store (it verifies), so ask
    // the client for a CID whose bytes this gateway does not have: it must fail, not pass.
    Process p =
        client(
            SignedEntry.sign(
                    Post.of(
                        EntryHeader.first(
                            KeyPair.fromSeed(new byte[32]).did(),
                            Instant.parse("2026-01-01T00:00:00.000Z")),
                        "never stored"),
                    KeyPair.fromSeed(new byte[32]))
                .cid()
                .toString());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.exitValue()).isNotZero();
    assertThat(err).contains("HTTP 404");
  }

  private static JsonObject verify(String cid) throws Exception {
    Process p = client(cid);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    return new JsonObject(out.strip());
  }

  private static Process client(String cid) throws IOException {
    String base = "http://127.0.0.1:" + gw.gateway.port();
    return new ProcessBuilder("node", clientDir + "/verify.mjs", base, cid).start();
  }

  /** Installs the client's npm packages (once, into a cache) and returns its folder. */
  private static String install() throws Exception {
    String script =
        System.getProperty("ipfeed.trustless.client", "../tools/trustless-client/client.sh");
    Process p = new ProcessBuilder("bash", script, "install").redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("installing the trustless client: " + err).isZero();
    return out;
  }
}
