package org.ipfeed.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The streams a command talks through. Standard output is a byte stream because some commands write
 * binary blocks to it.
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err) {

  public static Terminal system() {
    return new Terminal(System.in, System.out, System.err);
  }

  /** Prints a one-line error on standard error, prefixed so it is clear who speaks. */
  public void error(String message) {
    err.println("ipfeed: " + message);
  }
}
