package org.ipfeed.cli.client;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.identity.KeyFile;
import org.ipfeed.schema.multiformats.Cid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipfeed edit --key FILE CID TEXT}: a new version of a post, shown in its place. */
@Command(
    name = "edit",
    mixinStandardHelpOptions = true,
    description = "Publishes a new text for one of your posts; prints the new version's CID.")
public final class EditCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "Your key file.")
  Path key;

  @Mixin GatewayOptions gateway;

  @Parameters(index = "0", paramLabel = "CID", description = "The post to edit.")
  Cid post;

  @Parameters(index = "1", paramLabel = "TEXT", description = "Its new text.")
  String text;

  public EditCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    Cid cid =
        new Publisher(gateway.client(), KeyFile.read(key))
            .publish(h -> Post.of(h, text).withEdits(post));
    terminal.out().println(cid);
    return ExitCodes.OK;
  }
}
