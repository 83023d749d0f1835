package org.ipfeed.schema.identity;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ipfeed.schema.testing.Fixtures;

/** Rows of a tab-separated fixture whose first line names the columns; empty cells stay empty. */
final class Tsv {

  private Tsv() {}

  static List<Map<String, String>> rows(String fixture) {
    String[] lines = new String(Fixtures.bytes(Fixtures.path(fixture)), UTF_8).split("\n");
    String[] header = lines[0].split("\t", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] cells = lines[i].split("\t", -1);
      if (cells.length != header.length) {
        throw new IllegalStateException(
            fixture
                + " line "
                + (i + 1)
                + ": "
                + cells.length
                + " cells, expected "
                + header.length);
      }
      Map<String, String> row = new HashMap<>();
      for (int c = 0; c < header.length; c++) {
        row.put(header[c], cells[c]);
      }
      rows.add(row);
    }
    return rows;
  }
}
