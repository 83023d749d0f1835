package org.ipfeed.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import org.ipfeed.schema.entry.Limits;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.Tags;
import org.ipfeed.schema.identity.KeyFile;
import org.ipfeed.schema.multiformats.Cid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin GatewayOptions gateway;

  @Option(names = "--reply", paramLabel = "CID", description = "The post this one answers.")
  Cid reply;

  @Option(names = "--community", paramLabel = "CID", description = "The community it is for.")
  Cid community;

  @Option(
      names = "--tag",
      paramLabel = "TAG",
      description =
          "A hashtag, without '#' (repeatable). Hashtags written in the text are added too.")
  List<String> tags = new ArrayList<>();

  @Parameters(index = "0", paramLabel = "TEXT", description = "What to say.")
  String text;

  public PostCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    GatewayClient client = gateway.client();
    Post.Reply thread = reply == null ? null : new Post.Reply(threadRoot(client, reply), reply);
    Cid cid =
        new Publisher(client, KeyFile.read(key))
            .publish(
                header -> {
                  Post post = Post.of(header, text);
                  List<String> all = tagsWithThoseInText();
                  if (!all.isEmpty()) {
                    post = post.withTags(all);
                  }
                  if (community != null) {
                    post = post.withCommunity(community);
                  }
                  return thread == null ? post : post.withReply(thread);
                });
    terminal.out().println(cid);
    return ExitCodes.OK;
  }

  /**
   * The {@code --tag} values, then the hashtags written in the text, as Mastodon and Bluesky
   * clients make them: a post that says {@code #cats} is in the {@code cats} feed. Text tags stop
   * at the limit of a post; more {@code --tag} values than that are refused when the post is made.
   */
  List<String> tagsWithThoseInText() {
    Set<String> all = new LinkedHashSet<>(tags);
    for (String tag : Tags.inText(text)) {
      if (all.size() >= Limits.MAX_TAGS) {
        break;
      }
      all.add(tag);
    }
    return List.copyOf(all);
  }

  /** A reply's root is its parent's root, or the parent itself when that starts the thread. */
  private static Cid threadRoot(GatewayClient client, Cid parent) throws Exception {
    JsonNode root =
        client.get("/api/v1/entries/" + parent).path("entry").path("reply").path("root");
    return root.isMissingNode() ? parent : Cid.parse(root.path("/").asText());
  }
}
