package org.ipfeed.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code ipfeed} in process against buffers and keeps what it wrote. */
public record CliRun(int exit, byte[] stdout, String stderr) {

  public static CliRun of(String... args) {
    return withInput(new byte[0], args);
  }

  public static CliRun withInput(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal =
        new Terminal(
            new ByteArrayInputStream(stdin),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit = Cli.run(terminal, args);
    return new CliRun(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  public String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }
}
