package org.ipfeed.cli;

/** Entry point of {@code ipfeed}: wires the real terminal and exits with the command's code. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.run(Terminal.system(), args));
  }
}
