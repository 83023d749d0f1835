package org.ipfeed.cli.client;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import org.ipfeed.schema.entry.Tombstone;
import org.ipfeed.schema.identity.KeyFile;
import org.ipfeed.schema.multiformats.Cid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfeed delete --key FILE CID}: publishes a tombstone. Gateways stop showing the post; the
 * block itself, once public, may live on elsewhere, as on any decentralized network.
 */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Deletes one of your posts (publishes a tombstone); prints the tombstone's CID.")
public final class DeleteCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "Your key file.")
  Path key;

  @Mixin GatewayOptions gateway;

  @Parameters(index = "0", paramLabel = "CID", description = "The post to delete.")
  Cid post;

  public DeleteCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    Cid cid =
        new Publisher(gateway.client(), KeyFile.read(key)).publish(h -> new Tombstone(h, post));
    terminal.out().println(cid);
    return ExitCodes.OK;
  }
}
