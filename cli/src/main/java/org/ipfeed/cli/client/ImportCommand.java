package org.ipfeed.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfeed import account.car}: every entry checked as if published anew. Exit 1 when any
 * entry was refused; each refusal is one line on stderr.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Imports an account exported as a CAR file into a gateway.")
public final class ImportCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Parameters(index = "0", paramLabel = "FILE", description = "The CAR file.")
  Path file;

  @Mixin GatewayOptions gateway;

  public ImportCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    byte[] car = Files.readAllBytes(file);
    JsonNode summary = gateway.client().post("/api/v1/import", car, "application/vnd.ipld.car");
    terminal
        .out()
        .println(
            summary.get("entries").asInt()
                + " entries: "
                + summary.get("created").asInt()
                + " new, "
                + summary.get("alreadyStored").asInt()
                + " already here, "
                + summary.get("rejected").size()
                + " refused; "
                + summary.get("blocks").asInt()
                + " embedded blocks");
    for (JsonNode r : summary.get("rejected")) {
      terminal.error(r.get("cid").asText() + ": " + r.get("detail").asText());
    }
    return summary.get("rejected").isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
