package org.ipfeed.cli.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ipfeed.cli.EachFile;
import org.ipfeed.cli.Terminal;
import org.ipfeed.schema.entry.SignedEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfeed entry verify FILE...}: {@code ok <file> <cid>} per valid entry on stdout, {@code
 * error <file>: <reason>} per invalid one on stderr; exit 1 if any failed.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks entry blocks: size, strict DAG-CBOR, schema, signature.",
      "Log continuity (seq and prev against the author's log) needs a gateway and is not checked."
    })
public final class EntryVerifyCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Entry blocks to check.")
  List<Path> files;

  public EntryVerifyCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    return EachFile.run(
        terminal,
        files,
        (file, bytes) -> "ok  " + file + "  " + SignedEntry.decodeVerified(bytes).cid());
  }
}
