package org.ipfeed.cli.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import org.ipfeed.schema.identity.Did;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipfeed export DID > account.car}: an account's whole log and embeds as one CAR. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Writes an author's whole log, and what their posts embed, as one CAR file.")
public final class ExportCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Parameters(index = "0", paramLabel = "DID", description = "Whose account.")
  String did;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.")
  Path out;

  @Mixin GatewayOptions gateway;

  public ExportCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    Did author = Did.parse(did);
    byte[] car = gateway.client().getBytes("/api/v1/authors/" + author + "/export");
    if (out != null) {
      Files.write(out, car);
    } else {
      terminal.out().write(car);
      terminal.out().flush();
    }
    return ExitCodes.OK;
  }
}
