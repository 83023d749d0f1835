package org.ipfeed.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged jar run as a user runs it: a real process, no ipfeed settings inherited. */
final class IpfeedProcess {

  private static final Pattern URL = Pattern.compile("serving (http://\\S+/)");

  /** A finished command. */
  record Run(int exit, String out, String err) {}

  private IpfeedProcess() {}

  /** {@code java -jar ipfeed.jar ARGS} in {@code dir}. */
  static Process launch(Path dir, List<String> args) throws IOException {
    Path jar = Path.of(System.getProperty("ipfeed.jar", "target/ipfeed.jar"));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("IPFEED_"));
    return pb.start();
  }

  /** Runs a command to its end. */
  static Run run(Path dir, String... args) throws Exception {
    Process p = launch(dir, List.of(args));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p, true));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, new String(err.get(), StandardCharsets.UTF_8));
  }

  private static byte[] readAll(Process p, boolean stderr) {
    try {
      return (stderr ? p.getErrorStream() : p.getInputStream()).readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's first line, or a failure naming what it said on stderr: never a hang. */
  static String firstLine(Process p) throws Exception {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String l =
                    new BufferedReader(
                            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                return l == null ? "" : l;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      return line.get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      p.destroyForcibly();
      throw new AssertionError(
          "ipfeed serve printed nothing in 60 s; stderr: "
              + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Starts {@code ipfeed serve ARGS} and answers its base URL, once it is serving. */
  static String serve(Path dir, List<Process> started, String... args) throws Exception {
    List<String> serve = new ArrayList<>(List.of("serve"));
    serve.addAll(List.of(args));
    Process p = launch(dir, serve);
    started.add(p);
    String line = firstLine(p);
    Matcher m = URL.matcher(line);
    if (!m.find()) {
      p.destroyForcibly();
      throw new AssertionError(
          "ipfeed serve said '"
              + line
              + "'; stderr: "
              + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    return m.group(1);
  }

  /** Stops servers as Ctrl-C would, and waits for them. */
  static void stopAll(List<Process> started) throws InterruptedException {
    started.forEach(Process::destroy);
    for (Process p : started) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
