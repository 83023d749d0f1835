package org.ipfeed.cli.codec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ipfeed.cli.EachFile;
import org.ipfeed.cli.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfeed codec cid --codec C FILE...}: one line {@code <cid> <file>} per valid file, one
 * line {@code error <file>: <reason>} on stderr per invalid one; exit 1 if any was invalid.
 */
@Command(
    name = "cid",
    mixinStandardHelpOptions = true,
    description = "Prints the CIDv1 (sha2-256) of each file as a block of the given codec.")
public final class CodecCidCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(
      names = "--codec",
      required = true,
      paramLabel = "CODEC",
      converter = BlockCodecConverter.class,
      description = "dag-cbor, dag-json or raw; files must be strict encodings in it.")
  BlockCodec codec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to address.")
  List<Path> files;

  public CodecCidCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    return EachFile.run(terminal, files, (file, bytes) -> codec.cid(bytes) + "  " + file);
  }
}
