package org.ipfeed.cli.entry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ipfeed entry}: groups the entry tools. */
@Command(
    name = "entry",
    mixinStandardHelpOptions = true,
    description = "Signs and verifies entries stored as DAG-CBOR files.")
public final class EntryCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
