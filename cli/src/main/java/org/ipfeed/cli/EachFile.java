package org.ipfeed.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipfeed.schema.error.IpfeedException;

/**
 * The shape shared by commands that check many files: one line on stdout per file that passes,
 * {@code error <file>: <reason>} on stderr per file that does not, every file processed, exit 1 if
 * any failed.
 */
public final class EachFile {

  /** What to do with one file's bytes; returns the line to print on success. */
  @FunctionalInterface
  public interface Check {
    String apply(Path file, byte[] bytes);
  }

  private EachFile() {}

  public static int run(Terminal terminal, List<Path> files, Check check) {
    int exit = ExitCodes.OK;
    for (Path file : files) {
      try {
        terminal.out().println(check.apply(file, Files.readAllBytes(file)));
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
