package org.ipfeed.cli;

import picocli.CommandLine.Command;

/** The root command: only help, version and the list of subcommands. */
@Command(
    name = "ipfeed",
    mixinStandardHelpOptions = true,
    versionProvider = IpfeedCommand.Version.class,
    description = "A decentralized social feed on IPFS: signed entries, verified and indexed.",
    subcommandsRepeatable = false)
public final class IpfeedCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = IpfeedCommand.class.getPackage().getImplementationVersion();
      return new String[] {"ipfeed " + (v != null ? v : "development")};
    }
  }
}
