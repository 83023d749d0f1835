package org.ipfeed.indexer.query;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A tab-separated fixture next to the tests: one case per line, a fixed number of cells, lines
 * starting with {@code //} and blank lines skipped. Cells may write {@code \t}, {@code \n}, {@code
 * \s} (a space, to make leading and trailing spaces visible), {@code \\} and {@code \}{@code
 * uXXXX}, so odd whitespace stays readable in the file.
 */
final class FixtureTable {

  /** One line: its number in the file (for test names) and its unescaped cells. */
  record Row(int line, List<String> cells) {
    String cell(int i) {
      return cells.get(i);
    }
  }

  private FixtureTable() {}

  static List<Row> read(String resource, int columns) {
    String text;
    try (InputStream in = FixtureTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + resource);
      }
      text = new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Row> rows = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("//")) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != columns) {
        throw new IllegalStateException(
            resource + " line " + (i + 1) + ": " + cells.length + " cells, expected " + columns);
      }
      List<String> unescaped = new ArrayList<>();
      for (String cell : cells) {
        unescaped.add(unescape(cell, resource, i + 1));
      }
      rows.add(new Row(i + 1, List.copyOf(unescaped)));
    }
    return rows;
  }

  private static String unescape(String cell, String resource, int line) {
    StringBuilder out = new StringBuilder(cell.length());
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i + 1 == cell.length()) {
        throw new IllegalStateException(resource + " line " + line + ": trailing backslash");
      }
      char next = cell.charAt(++i);
      switch (next) {
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 's' -> out.append(' ');
        case '\\' -> out.append('\\');
        case 'u' -> {
          out.append((char) Integer.parseInt(cell.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default ->
            throw new IllegalStateException(
                resource + " line " + line + ": unknown escape \\" + next);
      }
    }
    return out.toString();
  }
}
