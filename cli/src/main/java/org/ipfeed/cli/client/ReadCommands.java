package org.ipfeed.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.ipfeed.cli.Terminal;

/** How the reading commands print posts: one per block of lines, newest first, with its CID. */
final class ReadCommands {

  private ReadCommands() {}

  static void printPost(Terminal terminal, JsonNode post) {
    terminal
        .out()
        .println(
            post.get("createdAt").asText()
                + "  "
                + post.get("author").asText()
                + (post.path("edited").asBoolean() ? "  (edited)" : ""));
    terminal.out().println("  " + post.get("text").asText().replace("\n", "\n  "));
    terminal.out().println("  " + post.get("cid").asText());
    terminal.out().println();
  }

  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
