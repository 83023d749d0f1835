package org.ipfeed.cli.client;

import org.ipfeed.cli.Terminal;
import org.ipfeed.schema.entry.Entry;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.Unfollow;
import org.ipfeed.schema.identity.Did;
import picocli.CommandLine.Command;

/** {@code ipfeed unfollow --key FILE DID...}. */
@Command(
    name = "unfollow",
    mixinStandardHelpOptions = true,
    description = "Stops following authors; prints one entry CID per author.")
public final class UnfollowCommand extends AuthorListCommand {

  public UnfollowCommand(Terminal terminal) {
    super(terminal);
  }

  @Override
  Entry entry(EntryHeader header, Did subject) {
    return new Unfollow(header, subject);
  }
}
