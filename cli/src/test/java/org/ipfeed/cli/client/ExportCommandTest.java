package org.ipfeed.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.ipfeed.cli.CliRun;
import org.ipfeed.gateway.Blocking;
import org.ipfeed.schema.identity.KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipfeed export} streams the gateway's answer; a download the gateway breaks off fails the
 * command and never replaces a good file. The gateway here is a stand-in that answers whole or
 * breaks off; the real one is exercised end to end by ServeCommandIT and MeshIT.
 */
class ExportCommandTest {

  private static final String DID = KeyPair.fromSeed(new byte[32]).did().toString();
  private static final byte[] CAR =
      "a CAR, as far as this test cares".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private Vertx vertx;
  private String gateway;
  private volatile boolean breakOff;
  private volatile String askedFor;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  askedFor = request.path();
                  HttpServerResponse response = request.response().setChunked(true);
                  if (breakOff) {
                    response
                        .write(Buffer.buffer("the first part"))
                        .onComplete(written -> vertx.setTimer(50, t -> response.reset()));
                  } else {
                    response.end(Buffer.buffer(CAR));
                  }
                });
    await(server.listen(0, "127.0.0.1"));
    gateway = "http://127.0.0.1:" + server.actualPort();
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Test
  void aWholeExportReplacesTheFile() throws Exception {
    Path file = dir.resolve("alice.car");
    Files.writeString(file, "an older export");

    CliRun run = CliRun.of("export", DID, "--gateway", gateway, "--out", file.toString());

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(askedFor).isEqualTo("/api/v1/authors/" + DID + "/export");
    assertThat(file).hasBinaryContent(CAR);
    assertThat(filesIn(dir)).containsExactly("alice.car");
  }

  @Test
  void aCutOffExportFailsAndLeavesTheOldFile() throws Exception {
    breakOff = true;
    Path file = dir.resolve("alice.car");
    Files.writeString(file, "an older export");

    CliRun run = CliRun.of("export", DID, "--gateway", gateway, "--out", file.toString());

    assertThat(run.exit()).isNotZero();
    assertThat(run.stderr()).contains("broke off").doesNotContain("\tat ");
    assertThat(file).hasContent("an older export");
    assertThat(filesIn(dir)).containsExactly("alice.car");
  }

  @Test
  void withoutOutTheExportGoesToStandardOutput() {
    CliRun run = CliRun.of("export", DID, "--gateway", gateway);

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.stdout()).isEqualTo(CAR);
  }

  private static List<String> filesIn(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static <T> T await(Future<T> future) {
    return Blocking.await(future, Duration.ofSeconds(10));
  }
}
