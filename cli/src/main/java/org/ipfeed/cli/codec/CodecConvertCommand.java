package org.ipfeed.cli.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfeed codec convert --from A --to B [FILE|-]}: the converted bytes on stdout, or nothing
 * there and one line on stderr when the input is not a strict encoding.
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description =
        "Converts a block between DAG-JSON and DAG-CBOR; reads stdin when FILE is - or absent.")
public final class CodecConvertCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "CODEC",
      converter = BlockCodecConverter.class,
      description = "dag-json or dag-cbor")
  BlockCodec from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "CODEC",
      converter = BlockCodecConverter.class,
      description = "dag-json or dag-cbor")
  BlockCodec to;

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      defaultValue = "-",
      description = "Input, - for stdin.")
  String input;

  public CodecConvertCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws IOException {
    if (from == BlockCodec.RAW || to == BlockCodec.RAW) {
      terminal.error("codec convert works between dag-json and dag-cbor, not raw");
      return ExitCodes.USAGE;
    }
    byte[] bytes =
        input.equals("-") ? terminal.in().readAllBytes() : Files.readAllBytes(Path.of(input));
    // Convert fully before writing anything, so a failure leaves stdout empty.
    byte[] converted = to.encode(from.decode(bytes));
    terminal.out().write(converted);
    terminal.out().flush();
    return ExitCodes.OK;
  }
}
