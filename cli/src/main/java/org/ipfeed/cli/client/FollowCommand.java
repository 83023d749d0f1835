package org.ipfeed.cli.client;

import org.ipfeed.cli.Terminal;
import org.ipfeed.schema.entry.Entry;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.Follow;
import org.ipfeed.schema.identity.Did;
import picocli.CommandLine.Command;

/** {@code ipfeed follow --key FILE DID...}: their posts join your timeline. */
@Command(
    name = "follow",
    mixinStandardHelpOptions = true,
    description = "Follows authors; prints one entry CID per author.")
public final class FollowCommand extends AuthorListCommand {

  public FollowCommand(Terminal terminal) {
    super(terminal);
  }

  @Override
  Entry entry(EntryHeader header, Did subject) {
    return new Follow(header, subject);
  }
}
