package org.ipfeed.cli;

/** What {@code ipfeed} exits with, so scripts can tell failures apart. */
public final class ExitCodes {

  /** Everything asked for was done. */
  public static final int OK = 0;

  /** Some input was refused or some operation failed; each failure was reported on stderr. */
  public static final int FAILED = 1;

  /** The command line itself was wrong (unknown option, missing argument): picocli's code. */
  public static final int USAGE = 2;

  /** A bug in ipfeed: an error nobody anticipated (BSD sysexits EX_SOFTWARE). */
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}
