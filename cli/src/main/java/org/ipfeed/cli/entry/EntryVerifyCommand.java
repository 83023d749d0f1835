package org.ipfeed.cli.entry;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ipfeed.cli.Cli;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.error.IpfeedException;
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
    int exit = ExitCodes.OK;
    for (Path file : files) {
      try {
        SignedEntry entry = SignedEntry.decodeVerified(Files.readAllBytes(file));
        terminal.out().println("ok  " + file + "  " + entry.cid());
      } catch (IpfeedException e) {
        terminal.err().println("error  " + file + ": " + e.getMessage());
        exit = ExitCodes.FAILED;
      } catch (FileSystemException e) {
        terminal.err().println("error  " + Cli.describe(e));
        exit = ExitCodes.FAILED;
      } catch (IOException e) {
        terminal.err().println("error  " + file + ": " + e.getMessage());
        exit = ExitCodes.FAILED;
      }
    }
    return exit;
  }
}
