package org.ipfeed.cli.client;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    String path = "/api/v1/authors/" + author + "/export";
    if (out == null) {
      gateway.client().download(path, terminal.out());
      terminal.out().flush();
      return ExitCodes.OK;
    }
    // Into a file beside the target, moved over it only once whole: a cut-off download never
    // replaces a good export.
    Path target = out.toAbsolutePath();
    Path partial = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
    try {
      try (OutputStream file = Files.newOutputStream(partial)) {
        gateway.client().download(path, file);
      }
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return ExitCodes.OK;
  }
}
