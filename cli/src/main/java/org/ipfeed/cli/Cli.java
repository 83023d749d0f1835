package org.ipfeed.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.ipfeed.cli.client.DeleteCommand;
import org.ipfeed.cli.client.EditCommand;
import org.ipfeed.cli.client.ExportCommand;
import org.ipfeed.cli.client.FollowCommand;
import org.ipfeed.cli.client.ImportCommand;
import org.ipfeed.cli.client.PostCommand;
import org.ipfeed.cli.client.SearchCommand;
import org.ipfeed.cli.client.TimelineCommand;
import org.ipfeed.cli.client.UnfollowCommand;
import org.ipfeed.cli.codec.CodecCidCommand;
import org.ipfeed.cli.codec.CodecCommand;
import org.ipfeed.cli.codec.CodecConvertCommand;
import org.ipfeed.cli.entry.EntryCommand;
import org.ipfeed.cli.entry.EntrySignCommand;
import org.ipfeed.cli.entry.EntryVerifyCommand;
import org.ipfeed.cli.serve.ReindexCommand;
import org.ipfeed.cli.serve.ServeCommand;
import org.ipfeed.schema.error.IpfeedException;
import picocli.CommandLine;

/** Builds the command tree and maps every error to one line and an exit code. */
public final class Cli {

  private Cli() {}

  /** Runs {@code ipfeed args} against {@code terminal}; returns the exit code. */
  public static int run(Terminal terminal, String... args) {
    CommandLine cli =
        new CommandLine(new IpfeedCommand())
            .addSubcommand(
                new CommandLine(new CodecCommand())
                    .addSubcommand(new CodecCidCommand(terminal))
                    .addSubcommand(new CodecConvertCommand(terminal)))
            .addSubcommand(new KeygenCommand(terminal))
            .addSubcommand(new ServeCommand(terminal))
            .addSubcommand(new ReindexCommand(terminal))
            .addSubcommand(new PostCommand(terminal))
            .addSubcommand(new FollowCommand(terminal))
            .addSubcommand(new UnfollowCommand(terminal))
            .addSubcommand(new DeleteCommand(terminal))
            .addSubcommand(new EditCommand(terminal))
            .addSubcommand(new TimelineCommand(terminal))
            .addSubcommand(new SearchCommand(terminal))
            .addSubcommand(new ExportCommand(terminal))
            .addSubcommand(new ImportCommand(terminal))
            .addSubcommand(
                new CommandLine(new EntryCommand())
                    .addSubcommand(new EntrySignCommand(terminal))
                    .addSubcommand(new EntryVerifyCommand(terminal)));
    cli.registerConverter(
        org.ipfeed.schema.multiformats.Cid.class, org.ipfeed.schema.multiformats.Cid::parse);
    cli.setOut(new java.io.PrintWriter(terminal.out(), true));
    cli.setErr(new java.io.PrintWriter(terminal.err(), true));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(terminal, e));
    return cli.execute(args);
  }

  /** One line for the person at the terminal; a stack trace only for bugs. */
  static int report(Terminal terminal, Exception e) {
    if (e instanceof IpfeedException ie) {
      terminal.error(ie.getMessage());
      return ExitCodes.FAILED;
    }
    if (e instanceof UncheckedIOException u) {
      return report(terminal, u.getCause());
    }
    if (e instanceof FileSystemException fs) {
      terminal.error(describe(fs));
      return ExitCodes.FAILED;
    }
    if (e instanceof IOException io) {
      terminal.error(io.getMessage());
      return ExitCodes.FAILED;
    }
    terminal.error("internal error: " + e);
    e.printStackTrace(terminal.err());
    return ExitCodes.INTERNAL;
  }

  /** "cannot read notes.txt: no such file" rather than Java's class-name-first message. */
  public static String describe(FileSystemException e) {
    String what = e.getClass().getSimpleName();
    String problem =
        switch (what) {
          case "NoSuchFileException" -> "no such file";
          case "AccessDeniedException" -> "permission denied";
          case "FileAlreadyExistsException" -> "already exists";
          case "NotDirectoryException" -> "not a directory";
          case "DirectoryNotEmptyException" -> "directory not empty";
          default -> e.getReason() != null ? e.getReason() : what;
        };
    return e.getFile() + ": " + problem;
  }
}
