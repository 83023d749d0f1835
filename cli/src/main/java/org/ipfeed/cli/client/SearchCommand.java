package org.ipfeed.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipfeed search QUERY}: full-text search in the query language of docs/index.md. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Searches posts: words, \"phrases\", -word, OR, #tag, from:DID, since:2026-01-01, lang:en."
    })
public final class SearchCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Parameters(index = "0", paramLabel = "QUERY", description = "What to look for.")
  String query;

  @Option(names = "--newest", description = "Newest first instead of best match first.")
  boolean newest;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "Results to show (1-100; default ${DEFAULT-VALUE}).")
  int limit;

  @Mixin GatewayOptions gateway;

  public SearchCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    JsonNode page =
        gateway
            .client()
            .get(
                "/api/v1/search?limit="
                    + limit
                    + "&sort="
                    + (newest ? "newest" : "relevance")
                    + "&q="
                    + ReadCommands.q(query));
    for (JsonNode hit : page.get("items")) {
      ReadCommands.printPost(terminal, hit.get("post"));
    }
    return ExitCodes.OK;
  }
}
