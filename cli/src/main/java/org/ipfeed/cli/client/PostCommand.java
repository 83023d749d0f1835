package org.ipfeed.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.KeyFile;
import org.ipfeed.schema.identity.KeyPair;
import org.ipfeed.schema.multiformats.Cid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfeed post --key FILE TEXT}: signs a post as the next entry of the key's log (the gateway
 * says where the log's head is) and publishes it; prints the new entry's CID.
 */
@Command(
    name = "post",
    mixinStandardHelpOptions = true,
    description = "Publishes a post through a gateway and prints its CID.")
public final class PostCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "Your key file.")
  Path key;

  @Option(
      names = "--gateway",
      paramLabel = "URL",
      defaultValue = "${env:IPFEED_GATEWAY:-" + GatewayClient.DEFAULT_URL + "}",
      description = "The gateway (env IPFEED_GATEWAY; default: ${DEFAULT-VALUE}).")
  URI gateway;

  @Option(names = "--reply", paramLabel = "CID", description = "The post this one answers.")
  Cid reply;

  @Option(names = "--community", paramLabel = "CID", description = "The community it is for.")
  Cid community;

  @Option(names = "--tag", paramLabel = "TAG", description = "A hashtag, without '#' (repeatable).")
  List<String> tags = new ArrayList<>();

  @Parameters(index = "0", paramLabel = "TEXT", description = "What to say.")
  String text;

  public PostCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    KeyPair me = KeyFile.read(key);
    GatewayClient client = new GatewayClient(gateway);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    JsonNode head = client.get("/api/v1/authors/" + me.did()).get("head");
    EntryHeader header =
        head == null || head.isNull()
            ? EntryHeader.first(me.did(), now)
            : new EntryHeader(
                me.did(),
                head.get("seq").asLong() + 1,
                Optional.of(Cid.parse(head.get("cid").asText())),
                now);
    Post post = Post.of(header, text);
    if (!tags.isEmpty()) {
      post = post.withTags(tags);
    }
    if (community != null) {
      post = post.withCommunity(community);
    }
    if (reply != null) {
      post = post.withReply(new Post.Reply(threadRoot(client, reply), reply));
    }
    SignedEntry signed = SignedEntry.sign(post, me);
    JsonNode answer =
        client.post("/api/v1/entries", signed.block(), "application/vnd.ipld.dag-cbor");
    terminal.out().println(answer.get("cid").asText());
    return ExitCodes.OK;
  }

  /** A reply's root is its parent's root, or the parent itself when that starts the thread. */
  private static Cid threadRoot(GatewayClient client, Cid parent) throws Exception {
    JsonNode root =
        client.get("/api/v1/entries/" + parent).path("entry").path("reply").path("root");
    return root.isMissingNode() ? parent : Cid.parse(root.path("/").asText());
  }
}
