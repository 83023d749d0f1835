package org.ipfeed.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.serve.IpfeedProcess.Run;
import org.ipfeed.schema.multiformats.Cid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipfeed serve} as a user runs it: the packaged jar in a real process. */
class ServeCommandIT {

  private static final Pattern URL = Pattern.compile("serving (http://\\S+/)");

  @TempDir Path dir;

  private Process launch(List<String> args) throws IOException {
    return IpfeedProcess.launch(dir, args);
  }

  private Process start(String... args) throws IOException {
    List<String> serve = new ArrayList<>(List.of("serve"));
    serve.addAll(List.of(args));
    return launch(serve);
  }

  private static String firstLine(Process p) throws Exception {
    return IpfeedProcess.firstLine(p);
  }

  @Test
  void servesTheEmbeddedStoreAndStopsCleanlyOnSigterm() throws Exception {
    Process p = start("--port", "0", "--data", "node-a");
    try {
      String line = firstLine(p);
      Matcher m = URL.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      URI base = URI.create(m.group(1));
      HttpClient http = HttpClient.newHttpClient();

      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(base.resolve("health")).build(),
              HttpResponse.BodyHandlers.ofString());
      Cid absent = Cid.raw(new byte[] {42});
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(base.resolve("ipfs/" + absent + "?format=raw")).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"up\"");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(Files.isDirectory(dir.resolve("node-a/blocks"))).isTrue();
    } finally {
      p.destroy();
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // 143 = killed by SIGTERM after the shutdown hook ran; the JVM reports it so.
    assertThat(p.exitValue()).isIn(0, 143);
  }

  private Run ipfeed(String... args) throws Exception {
    return IpfeedProcess.run(dir, args);
  }

  @Test
  void postPublishesTheNextEntryOfTheLogAndRepliesThreadUnderTheirRoot() throws Exception {
    Process p = start("--port", "0", "--data", "node-c");
    try {
      Matcher m = URL.matcher(firstLine(p));
      assertThat(m.find()).isTrue();
      String gateway = m.group(1);
      Run keygen = ipfeed("keygen", "--out", "me.key");
      Run first = ipfeed("post", "--key", "me.key", "--gateway", gateway, "hello, #fediverse");
      Run second =
          ipfeed(
              "post",
              "--key",
              "me.key",
              "--gateway",
              gateway,
              "--tag",
              "intro",
              "--reply",
              first.out().strip(),
              "replying to myself");
      Run third =
          ipfeed(
              "post",
              "--key",
              "me.key",
              "--gateway",
              gateway,
              "--reply",
              second.out().strip(),
              "deeper");

      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(third.exit()).as(third.err()).isZero();
      String firstEntry = entryJson(gateway, first.out().strip());
      // The hashtag written in the text is one of the post's tags.
      assertThat(firstEntry).contains("\"tags\":[\"fediverse\"]");
      String entry = entryJson(gateway, third.out().strip());
      assertThat(entry)
          .contains("\"author\":\"" + keygen.out().strip() + "\"")
          .contains("\"seq\":3")
          .contains("\"root\":{\"/\":\"" + first.out().strip() + "\"}")
          .contains("\"parent\":{\"/\":\"" + second.out().strip() + "\"}");
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The body of {@code GET /api/v1/entries/{cid}} from the gateway at {@code gateway}. */
  private static String entryJson(String gateway, String cid) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(gateway + "api/v1/entries/" + cid)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /**
   * Runs the command until its output satisfies {@code done}: the index shows posts within ~1 s.
   */
  private Run ipfeedUntil(java.util.function.Predicate<String> done, String... args)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Run r;
    do {
      r = ipfeed(args);
    } while (r.exit() == 0 && !done.test(r.out()) && System.nanoTime() < deadline);
    return r;
  }

  @Test
  void followPostEditDeleteAndReadThroughTheCommandLine() throws Exception {
    Process p = start("--port", "0", "--data", "node-d");
    try {
      Matcher m = URL.matcher(firstLine(p));
      assertThat(m.find()).isTrue();
      String gw = m.group(1);
      String alice = ipfeed("keygen", "--out", "alice.key").out().strip();
      ipfeed("keygen", "--out", "bob.key");

      Run follow = ipfeed("follow", "--key", "bob.key", "--gateway", gw, alice);
      String post =
          ipfeed("post", "--key", "alice.key", "--gateway", gw, "kettles and kestrels")
              .out()
              .strip();
      Run timeline =
          ipfeedUntil(
              out -> out.contains("kettles"), "timeline", "--key", "bob.key", "--gateway", gw);
      Run search = ipfeedUntil(out -> out.contains(post), "search", "--gateway", gw, "kestrels");
      Run edit = ipfeed("edit", "--key", "alice.key", "--gateway", gw, post, "kettles and hawks");
      Run edited =
          ipfeedUntil(
              out -> out.contains("(edited)"), "timeline", "--key", "bob.key", "--gateway", gw);
      Run delete = ipfeed("delete", "--key", "alice.key", "--gateway", gw, post);
      Run afterDelete =
          ipfeedUntil(
              out -> !out.contains("kettles"), "timeline", "--key", "bob.key", "--gateway", gw);
      Run badDid = ipfeed("follow", "--key", "bob.key", "--gateway", gw, "did:key:nonsense");

      assertThat(follow.exit()).as(follow.err()).isZero();
      assertThat(timeline.out()).contains("kettles and kestrels").contains(alice).contains(post);
      assertThat(search.out()).contains(post);
      assertThat(edit.exit()).as(edit.err()).isZero();
      assertThat(edited.out()).contains("kettles and hawks").contains("(edited)");
      assertThat(delete.exit()).as(delete.err()).isZero();
      assertThat(afterDelete.out()).doesNotContain("kettles");
      assertThat(badDid.exit()).isEqualTo(ExitCodes.FAILED);
      assertThat(badDid.err().lines()).hasSize(1);
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void anAccountMovesBetweenTwoNodesAsOneCarFile() throws Exception {
    Process a = start("--port", "0", "--data", "node-e");
    Process b = start("--port", "0", "--data", "node-f");
    try {
      Matcher ma = URL.matcher(firstLine(a));
      Matcher mb = URL.matcher(firstLine(b));
      assertThat(ma.find()).isTrue();
      assertThat(mb.find()).isTrue();
      String alice = ipfeed("keygen", "--out", "alice.key").out().strip();
      ipfeed("post", "--key", "alice.key", "--gateway", ma.group(1), "first");
      ipfeed("post", "--key", "alice.key", "--gateway", ma.group(1), "second");

      Run export = ipfeed("export", alice, "--gateway", ma.group(1), "--out", "alice.car");
      Run imported = ipfeed("import", "alice.car", "--gateway", mb.group(1));
      Run again = ipfeed("import", "alice.car", "--gateway", mb.group(1));
      Run next = ipfeed("post", "--key", "alice.key", "--gateway", mb.group(1), "third, elsewhere");

      assertThat(export.exit()).as(export.err()).isZero();
      assertThat(Files.size(dir.resolve("alice.car"))).isPositive();
      assertThat(imported.exit()).as(imported.err()).isZero();
      assertThat(imported.out()).startsWith("2 entries: 2 new, 0 already here, 0 refused");
      assertThat(again.out()).startsWith("2 entries: 0 new, 2 already here");
      // The imported log continues on the new node.
      assertThat(next.exit()).as(next.err()).isZero();
    } finally {
      a.destroy();
      b.destroy();
      a.waitFor(30, TimeUnit.SECONDS);
      b.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void reindexRebuildsAStoppedNodesIndexAndRefusesARunningOne() throws Exception {
    Process p = start("--port", "0", "--data", "node-r");
    String gw;
    String post;
    try {
      Matcher m = URL.matcher(firstLine(p));
      assertThat(m.find()).isTrue();
      gw = m.group(1);
      ipfeed("keygen", "--out", "me.key");
      post =
          ipfeed("post", "--key", "me.key", "--gateway", gw, "rebuild me, #reindex").out().strip();
      ipfeed("post", "--key", "me.key", "--gateway", gw, "and me");

      Run busy = ipfeed("reindex", "--data", "node-r");
      assertThat(busy.exit()).isEqualTo(ExitCodes.FAILED);
      assertThat(busy.err().lines()).hasSize(1);
      assertThat(busy.err()).contains("is in use, by a running node: stop it, then reindex");
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    try (var files = Files.walk(dir.resolve("node-r/index"))) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }

    Run reindex = ipfeed("reindex", "--data", "node-r");

    assertThat(reindex.exit()).as(reindex.err()).isZero();
    assertThat(reindex.out()).startsWith("reindexed 2 entries of 1 authors in ");
    // Not a terminal: one line per phase and tenth, ending at 100 %.
    assertThat(reindex.err().lines().toList()).last().asString().contains("100% 2/2");
    Process again = start("--port", "0", "--data", "node-r");
    try {
      Matcher m = URL.matcher(firstLine(again));
      assertThat(m.find()).isTrue();
      Run search = ipfeed("search", "--gateway", m.group(1), "rebuild");
      assertThat(search.out()).contains(post);
    } finally {
      again.destroy();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void postToAGatewayThatIsNotThereFailsWithOneLine() throws Exception {
    ipfeed("keygen", "--out", "me.key");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }

    Run r = ipfeed("post", "--key", "me.key", "--gateway", "http://127.0.0.1:" + port, "hi");

    assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("cannot reach the gateway");
  }

  @Test
  void aPortAskedForByNameThatIsTakenStopsStartUpWithOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Process p = start("--port", Integer.toString(taken.getLocalPort()), "--data", "node-b");
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(p.exitValue()).isEqualTo(ExitCodes.FAILED);
      assertThat(err.lines()).hasSize(1);
      assertThat(err).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void anInvalidPortIsAUsageErrorNamingTheOption() throws Exception {
    Process p = start("--port", "70000");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.exitValue()).isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains("--port must be a whole number from 0 to 65535, not '70000'");
    assertThat(Files.exists(dir.resolve("ipfeed-data"))).isFalse();
  }
}
