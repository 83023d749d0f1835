package org.ipfeed.store.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real IPFS node (js-ipfs 0.66.1, see {@code docs/ipfs-node.md}) for integration tests, run
 * through {@code tools/js-ipfs/ipfs-node.sh}.
 *
 * <pre>{@code
 * URI api = JsIpfsNode.shared().apiUrl();          // the node ./run-tests started
 * try (JsIpfsNode node = JsIpfsNode.startPrivate()) { // one to stop and restart at will
 *   node.stop();
 *   node.restart();                                   // same repo and ports: pins survive
 * }
 * }</pre>
 *
 * <p>{@link #shared()} attaches to the node named by the system property {@value #API_PROPERTY} or
 * the environment variable {@value #API_ENV}; without either (a plain {@code mvn verify}) it starts
 * one for this JVM and stops it at exit. Never stop or restart the shared node: other tests use it.
 * Anything that goes wrong throws {@link IllegalStateException} with the script's output (which
 * ends with the daemon's log), so a test that needs a node fails loudly instead of skipping.
 *
 * <p>Blocking by design: call it from test threads, never from an event loop.
 */
public final class JsIpfsNode implements AutoCloseable {

  /** System property with the API URL of a running node, such as {@code http://127.0.0.1:5001}. */
  public static final String API_PROPERTY = "ipfeed.ipfs.api";

  /** Environment variable with the same meaning, for runs outside Maven. */
  public static final String API_ENV = "IPFEED_IPFS_API";

  /** System property with the path of {@code ipfs-node.sh}; found from the working dir if unset. */
  public static final String SCRIPT_PROPERTY = "ipfeed.ipfs.script";

  private static final long INSTALL_MINUTES = 15;
  private static final long START_SECONDS = 120;

  private static JsIpfsNode shared;

  private final URI apiUrl;
  private final Path dir; // null when attached to a node someone else runs
  private boolean stopped;

  private JsIpfsNode(URI apiUrl, Path dir) {
    this.apiUrl = apiUrl;
    this.dir = dir;
  }

  /** The node for tests that only read and write: the one run-tests started, or one of our own. */
  public static synchronized JsIpfsNode shared() {
    if (shared == null) {
      String configured = System.getProperty(API_PROPERTY, "");
      if (configured.isBlank()) {
        configured = System.getenv().getOrDefault(API_ENV, "");
      }
      if (!configured.isBlank()) {
        shared = new JsIpfsNode(URI.create(configured.strip()), null);
      } else {
        JsIpfsNode own = startPrivate();
        Runtime.getRuntime().addShutdownHook(new Thread(own::close, "js-ipfs-stop"));
        shared = own;
      }
    }
    return shared;
  }

  /**
   * Installs js-ipfs if needed and starts a node of its own on free loopback ports in a new temp
   * dir. {@link #close()} stops it and deletes the dir.
   */
  public static JsIpfsNode startPrivate() {
    run(INSTALL_MINUTES * 60, "install");
    Path dir;
    try {
      dir = Files.createTempDirectory("ipfeed-js-ipfs-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a temp dir for an IPFS node", e);
    }
    int[] ports = freePorts(3);
    String out =
        run(
            START_SECONDS,
            "start",
            dir.toString(),
            Integer.toString(ports[0]),
            Integer.toString(ports[1]),
            Integer.toString(ports[2]));
    return new JsIpfsNode(URI.create(lastLine(out)), dir);
  }

  /** The base of the RPC API, without {@code /api/v0}. */
  public URI apiUrl() {
    return apiUrl;
  }

  /** Whether this object started the node (and so may stop and restart it). */
  public boolean ownsProcess() {
    return dir != null;
  }

  /** Stops the daemon, keeping its repo; {@link #restart()} brings it back. */
  public void stop() {
    requireOwned("stop");
    run(START_SECONDS, "stop", dir.toString());
    stopped = true;
  }

  /** Starts the daemon again on the same repo and ports, stopping it first if it runs. */
  public void restart() {
    requireOwned("restart");
    run(START_SECONDS, "restart", dir.toString());
    stopped = false;
  }

  /** Stops a node this object started and deletes its repo; does nothing for an attached one. */
  @Override
  public void close() {
    if (dir == null) {
      return;
    }
    if (!stopped) {
      run(START_SECONDS, "stop", dir.toString());
      stopped = true;
    }
    deleteTree(dir);
  }

  @Override
  public String toString() {
    return "JsIpfsNode[" + apiUrl + (dir == null ? ", attached" : ", " + dir) + "]";
  }

  private void requireOwned(String what) {
    if (dir == null) {
      throw new IllegalStateException(
          "cannot " + what + " a node this test did not start (" + apiUrl + ")");
    }
  }

  /** Runs the script and returns its output; throws with that output when it fails. */
  private static String run(long timeoutSeconds, String... args) {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(script().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      // The daemon's own output goes to a log file, so this stream ends when the script does.
      byte[] output;
      try (InputStream in = process.getInputStream()) {
        output = in.readAllBytes();
      }
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "the IPFS node for the tests could not be run: `"
                + String.join(" ", command)
                + "` exited with "
                + process.exitValue()
                + "\n"
                + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static Path script() {
    String configured = System.getProperty(SCRIPT_PROPERTY, "");
    if (!configured.isBlank()) {
      Path path = Paths.get(configured);
      if (!Files.isRegularFile(path)) {
        throw new IllegalStateException(SCRIPT_PROPERTY + " names no file: " + path);
      }
      return path;
    }
    for (Path at = Paths.get("").toAbsolutePath(); at != null; at = at.getParent()) {
      Path candidate = at.resolve("tools/js-ipfs/ipfs-node.sh");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "cannot find tools/js-ipfs/ipfs-node.sh above "
            + Paths.get("").toAbsolutePath()
            + "; set -D"
            + SCRIPT_PROPERTY);
  }

  /** Distinct free ports on 127.0.0.1: each is held until all are found. */
  private static int[] freePorts(int n) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free loopback ports", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
