package org.ipfeed.cli.codec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ipfeed codec}: groups the codec tools. */
@Command(
    name = "codec",
    mixinStandardHelpOptions = true,
    description = "Content addressing and conversion between DAG-CBOR and DAG-JSON.")
public final class CodecCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
