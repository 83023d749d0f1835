package org.ipfeed.cli;

/** Entry point of {@code ipfeed}: wires the real terminal and exits with the command's code. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    int code;
    try {
      code = Cli.run(Terminal.system(), args);
    } catch (Throwable t) {
      // An Error (a missing class, no memory) escapes picocli's handler; without this the JVM
      // would wait forever on the non-daemon threads a command had started.
      System.err.println("ipfeed: internal error: " + t);
      t.printStackTrace();
      code = ExitCodes.INTERNAL;
    }
    System.exit(code);
  }
}
