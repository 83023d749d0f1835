package org.ipfeed.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import org.ipfeed.schema.identity.KeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ipfeed timeline --key FILE}: the home timeline of the key's identity, newest first. */
@Command(
    name = "timeline",
    mixinStandardHelpOptions = true,
    description = "Shows your home timeline: the posts of the authors you follow, and yours.")
public final class TimelineCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "Your key file.")
  Path key;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "Posts to show (1-100; default ${DEFAULT-VALUE}).")
  int limit;

  @Mixin GatewayOptions gateway;

  public TimelineCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    String viewer = KeyFile.read(key).did().toString();
    JsonNode page =
        gateway
            .client()
            .get("/api/v1/timeline?limit=" + limit + "&viewer=" + ReadCommands.q(viewer));
    for (JsonNode post : page.get("items")) {
      ReadCommands.printPost(terminal, post);
    }
    return ExitCodes.OK;
  }
}
