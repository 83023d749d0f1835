package org.ipfeed.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipfeed.cli.serve.IpfeedProcess.run;
import static org.ipfeed.cli.serve.IpfeedProcess.serve;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.ipfeed.cli.serve.IpfeedProcess.Run;
import org.ipfeed.store.testing.JsIpfsNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway processes on loopback, each with its own data directory and the others as peers, used
 * through the command line and HTTP as people would: posts converge, nodes stop, nothing is lost.
 */
class MeshIT {

  /** The convergence target: a post shows on the other nodes within 2 s. */
  static final Duration CONVERGE = Duration.ofSeconds(2);

  @TempDir Path dir;
  final List<Process> started = new ArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws InterruptedException {
    IpfeedProcess.stopAll(started);
  }

  static List<Integer> freePorts(int n) throws Exception {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        held.add(new ServerSocket(0));
      }
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  static String url(int port) {
    return "http://127.0.0.1:" + port + "/";
  }

  HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonObject json(String url) throws Exception {
    HttpResponse<String> r = get(url);
    assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  /**
   * Reads {@code url} until {@code done}; answers how long that took, failing after {@code max}.
   */
  Duration until(String url, Predicate<JsonObject> done, Duration max) throws Exception {
    long start = System.nanoTime();
    JsonObject last;
    do {
      last = json(url);
      if (done.test(last)) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      Thread.sleep(10);
    } while (System.nanoTime() - start < max.toNanos());
    throw new AssertionError(url + " not as expected within " + max + ": " + last);
  }

  /** A page holding {@code cid}: a post item, or a search hit around one. */
  static Predicate<JsonObject> hasItem(String cid) {
    return j ->
        j.getJsonArray("items").stream()
            .map(i -> (JsonObject) i)
            .map(i -> i.containsKey("post") ? i.getJsonObject("post") : i)
            .anyMatch(i -> cid.equals(i.getString("cid")));
  }

  /** Waits until every node's live stream to each of its peers is connected. */
  void awaitMesh(List<String> nodes) throws Exception {
    for (String node : nodes) {
      until(
          node + "health",
          j -> {
            JsonArray peers = j.getJsonArray("peers");
            return !peers.isEmpty()
                && peers.stream()
                    .allMatch(p -> ((JsonObject) p).getString("stream").equals("connected"));
          },
          Duration.ofSeconds(30));
    }
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void threeNodesConvergeWithinTwoSecondsAndLoseNothingWhenOneStops() throws Exception {
    String alice = run(dir, "keygen", "--out", "alice.key").out().strip();
    String bob = run(dir, "keygen", "--out", "bob.key").out().strip();
    List<Integer> ports = freePorts(3);
    String a = url(ports.get(0));
    String b = url(ports.get(1));
    String c = url(ports.get(2));
    serve(dir, started, "--data", "a", "--port", "" + ports.get(0), "--peer", b, "--peer", c);
    serve(dir, started, "--data", "b", "--port", "" + ports.get(1), "--peer", a + "," + c);
    serve(
        dir,
        started,
        "--data",
        "c",
        "--port",
        "" + ports.get(2),
        "--peer",
        a,
        "--peer",
        b,
        "--follow",
        alice);
    awaitMesh(List.of(a, b, c));

    Run follow = run(dir, "follow", "--key", "bob.key", "--gateway", b, alice);
    assertThat(follow.exit()).as(follow.err()).isZero();
    Run posted = run(dir, "post", "--key", "alice.key", "--gateway", a, "tea with the kestrels");
    assertThat(posted.exit()).as(posted.err()).isZero();
    String post = posted.out().strip();

    Duration toTimeline =
        until(b + "api/v1/timeline?viewer=" + bob, hasItem(post), Duration.ofSeconds(10));
    Duration toSearch =
        until(c + "api/v1/search?q=kestrels", hasItem(post), Duration.ofSeconds(10));
    System.out.println(
        "mesh: post on a in bob's timeline on b after "
            + toTimeline.toMillis()
            + " ms, in search on c after "
            + toSearch.toMillis()
            + " ms");
    assertThat(toTimeline).isLessThanOrEqualTo(CONVERGE);
    assertThat(toSearch).isLessThanOrEqualTo(CONVERGE);

    // Bob answers on his node; the thread shows both there.
    Run reply =
        run(dir, "post", "--key", "bob.key", "--gateway", b, "--reply", post, "which kestrels?");
    assertThat(reply.exit()).as(reply.err()).isZero();
    String replyCid = reply.out().strip();
    until(
        b + "api/v1/threads/" + post,
        j ->
            j.getJsonObject("root").getString("cid").equals(post)
                && j.getJsonArray("replies").stream()
                    .anyMatch(
                        r ->
                            ((JsonObject) r)
                                .getJsonObject("post")
                                .getString("cid")
                                .equals(replyCid)),
        CONVERGE);

    // An edit made on a reaches b's timeline through the follow, as any entry does.
    Run edit = run(dir, "edit", "--key", "alice.key", "--gateway", a, post, "tea with the hawks");
    assertThat(edit.exit()).as(edit.err()).isZero();
    until(
        b + "api/v1/timeline?viewer=" + bob,
        j -> j.encode().contains("tea with the hawks"),
        CONVERGE);

    // a stops; b and c still serve what they follow, and alice's log goes on through b.
    Process nodeA = started.get(0);
    nodeA.destroy();
    assertThat(nodeA.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    HttpResponse<String> block = get(b + "ipfs/" + post + "?format=raw");
    assertThat(block.statusCode()).isEqualTo(200);
    assertThat(get(c + "ipfs/" + post + "?format=raw").statusCode()).isEqualTo(200);
    assertThat(json(b + "api/v1/timeline?viewer=" + bob).encode()).contains("tea with the hawks");

    Run later = run(dir, "post", "--key", "alice.key", "--gateway", b, "still here, via b");
    assertThat(later.exit()).as(later.err()).isZero();
    until(c + "api/v1/search?q=" + q("still here"), hasItem(later.out().strip()), CONVERGE);

    // Deleting on b reaches c: the post leaves its search.
    Run delete = run(dir, "delete", "--key", "alice.key", "--gateway", b, later.out().strip());
    assertThat(delete.exit()).as(delete.err()).isZero();
    until(
        c + "api/v1/search?q=" + q("still here"), j -> j.getJsonArray("items").isEmpty(), CONVERGE);
  }

  @Test
  void aNodeOnTheRealIpfsNodeStoresThroughItAndItsPeerFollowsIt() throws Exception {
    URI api = JsIpfsNode.shared().apiUrl();
    String alice = run(dir, "keygen", "--out", "alice.key").out().strip();
    List<Integer> ports = freePorts(2);
    String a = url(ports.get(0));
    String b = url(ports.get(1));
    serve(dir, started, "--data", "a", "--port", "" + ports.get(0), "--ipfs", api.toString());
    serve(dir, started, "--data", "b", "--port", "" + ports.get(1), "--peer", a, "--follow", alice);
    awaitMesh(List.of(b));

    Run posted = run(dir, "post", "--key", "alice.key", "--gateway", a, "stored through ipfs");
    assertThat(posted.exit()).as(posted.err()).isZero();
    String post = posted.out().strip();

    until(b + "api/v1/authors/" + alice + "/feed", hasItem(post), CONVERGE);
    // The outbox takes the block to the node; its own RPC API then has it.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    int status;
    do {
      status =
          http.send(
                  HttpRequest.newBuilder(api.resolve("/api/v0/block/stat?arg=" + post))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode();
      Thread.sleep(100);
    } while (status != 200 && System.nanoTime() < deadline);
    assertThat(status).isEqualTo(200);
    assertThat(json(a + "health").getJsonObject("store").getString("kind")).isEqualTo("local+ipfs");

    // The account moves as one CAR from the IPFS-backed node to a third, embedded one.
    Run export = run(dir, "export", alice, "--gateway", a, "--out", "alice.car");
    assertThat(export.exit()).as(export.err()).isZero();
    String c = serve(dir, started, "--data", "c", "--port", "0");
    Run imported = run(dir, "import", "alice.car", "--gateway", c);
    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(imported.out()).startsWith("1 entries: 1 new");
  }
}
