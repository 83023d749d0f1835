package org.ipfeed.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/stream}, read as Server-Sent Events by the JDK's HTTP client. */
class StreamApiTest {

  @TempDir Path dir;
  GatewayHarness gw;
  final SigningAuthor alice = new SigningAuthor(1);
  final SigningAuthor bob = new SigningAuthor(2);
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    gw = new GatewayHarness(dir);
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  /** The stream's lines, as they arrive. */
  BlockingQueue<String> subscribe(String query) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    CompletableFuture<HttpResponse<Stream<String>>> response =
        http.sendAsync(
            HttpRequest.newBuilder(gw.uri("/api/v1/stream" + query)).build(),
            HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> r = response.join();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    Thread reader =
        new Thread(
            () -> {
              try {
                r.body().forEach(lines::add);
              } catch (java.io.UncheckedIOException closedAtTheEndOfTheTest) {
                // the gateway stops after each test, cutting the stream
              }
            },
            "sse-reader");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  /** The next event's data, skipping comments. */
  static JsonObject nextEvent(BlockingQueue<String> lines) throws InterruptedException {
    String event = null;
    String id = null;
    while (true) {
      String line = lines.poll(5, TimeUnit.SECONDS);
      assertThat(line).as("an event within 5 s").isNotNull();
      if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("data: ")) {
        assertThat(event).isEqualTo("entry");
        JsonObject data = new JsonObject(line.substring(6));
        assertThat(data.getString("cid")).isEqualTo(id);
        return data;
      }
    }
  }

  void publish(SignedEntry e) {
    assertThat(gw.post("/api/v1/entries", e.block(), "application/vnd.ipld.dag-cbor").statusCode())
        .isEqualTo(201);
  }

  void awaitSubscribers(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (gw.gateway.streamSubscribers() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(gw.gateway.streamSubscribers()).isEqualTo(n);
  }

  @Test
  void everyNewEntryIsAnnouncedOnceWithWhatAClientNeedsToFetchIt() throws Exception {
    BlockingQueue<String> lines = subscribe("");
    awaitSubscribers(1);
    SignedEntry first = alice.post("hello stream");
    publish(first);
    // Submitting it again stores nothing new, so it is not announced again.
    gw.post("/api/v1/entries", first.block(), "application/vnd.ipld.dag-cbor");
    SignedEntry second = bob.post("second");
    publish(second);

    JsonObject a = nextEvent(lines);
    assertThat(a.getString("cid")).isEqualTo(first.cid().toString());
    assertThat(a.getString("author")).isEqualTo(alice.key.did().toString());
    assertThat(a.getLong("seq")).isEqualTo(1);
    assertThat(a.getString("type")).isEqualTo("post");
    assertThat(nextEvent(lines).getString("cid")).isEqualTo(second.cid().toString());
  }

  @Test
  void filtersByAuthorAndByTag() throws Exception {
    BlockingQueue<String> byBob = subscribe("?author=" + bob.key.did());
    BlockingQueue<String> byTag = subscribe("?tag=%23Cats");
    awaitSubscribers(2);
    publish(alice.post("no tag here"));
    SignedEntry tagged =
        alice.next(
            h ->
                new Post(
                    h,
                    "a cat",
                    java.util.List.of(),
                    java.util.List.of("cats"),
                    java.util.List.of(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.List.of(),
                    java.util.Optional.empty()));
    publish(tagged);
    SignedEntry fromBob = bob.post("bob speaks");
    publish(fromBob);

    assertThat(nextEvent(byTag).getString("cid")).isEqualTo(tagged.cid().toString());
    assertThat(nextEvent(byBob).getString("cid")).isEqualTo(fromBob.cid().toString());
  }

  @Test
  void aMalformedFilterIsAProblemNotAStream() {
    HttpResponse<byte[]> r = gw.get("/api/v1/stream?author=did:key:nonsense");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("invalid-did");
    assertThat(gw.get("/api/v1/stream?tag=no%20spaces").statusCode()).isEqualTo(400);
  }

  @Test
  void aClosedSubscriptionIsForgotten() throws Exception {
    CompletableFuture<HttpResponse<Stream<String>>> r =
        http.sendAsync(
            HttpRequest.newBuilder(gw.uri("/api/v1/stream")).build(),
            HttpResponse.BodyHandlers.ofLines());
    awaitSubscribers(1);
    r.join().body().close();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (gw.gateway.streamSubscribers() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(gw.gateway.streamSubscribers()).isZero();
  }
}
