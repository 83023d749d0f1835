package org.ipfeed.cli.client;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import org.ipfeed.schema.entry.Entry;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.identity.KeyFile;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A command that publishes one entry about each DID it is given: follow, unfollow. */
abstract class AuthorListCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "Your key file.")
  Path key;

  @Mixin GatewayOptions gateway;

  @Parameters(arity = "1..*", paramLabel = "DID", description = "The authors.")
  List<String> dids;

  AuthorListCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  abstract Entry entry(EntryHeader header, Did subject);

  @Override
  public Integer call() throws Exception {
    // Every DID is checked before anything is published, so a typo publishes nothing.
    List<Did> subjects = dids.stream().map(Did::parse).toList();
    Publisher publisher = new Publisher(gateway.client(), KeyFile.read(key));
    for (Did subject : subjects) {
      terminal.out().println(publisher.publish(h -> entry(h, subject)));
    }
    return ExitCodes.OK;
  }
}
