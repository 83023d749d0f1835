package org.ipfeed.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ipfeed.schema.entry.Follow;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.Did;

/**
 * Writes {@link FeedDataset} as files PostgreSQL loads with {@code COPY ... FROM} in its default
 * text format, so the baseline runs on exactly the posts, follows and searches the index was
 * measured on.
 *
 * <p>Files (UTF-8, one row a line, columns separated by a tab, no header):
 *
 * <ul>
 *   <li>{@code posts.tsv}: id (the post's CID, as the index shows it), author ({@code did:key}),
 *       created_at (epoch milliseconds), text. Rows in time order.
 *   <li>{@code follows.tsv}: viewer (did), author (did).
 *   <li>{@code viewers.tsv}: viewer (did), kind: {@code normal} (follows 500 random authors) or
 *       {@code quiet} (follows the five least active authors).
 *   <li>{@code searches.tsv}: word1, word2: the two-word searches the Java benchmark runs, in its
 *       order (it cycles through them).
 * </ul>
 *
 * <p>Text is escaped as COPY's text format requires: backslash, tab, newline and carriage return
 * become {@code \\}, {@code \t}, {@code \n} and {@code \r}. The carriage return is beyond the three
 * the plan named, but COPY would read a bare one as an end of line too.
 */
final class FeedDatasetDump {

  private FeedDatasetDump() {}

  static void dump(FeedDataset data, Path dir, int chunk) throws IOException {
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    try (BufferedWriter out = writer(dir.resolve("posts.tsv"))) {
      for (int from = 0; from < data.posts; from += chunk) {
        for (SignedEntry e : data.chunk(from, Math.min(data.posts, from + chunk))) {
          Post p = (Post) e.entry();
          row(
              out,
              e.cid().toString(),
              p.author().toString(),
              Long.toString(p.header().createdAt().toEpochMilli()),
              p.text());
        }
      }
    }
    Did[] viewers = FeedDataset.viewerDids();
    try (BufferedWriter out = writer(dir.resolve("follows.tsv"))) {
      for (SignedEntry e : data.follows()) {
        Follow f = (Follow) e.entry();
        row(out, f.author().toString(), f.subject().toString());
      }
    }
    try (BufferedWriter out = writer(dir.resolve("viewers.tsv"))) {
      for (int v = 0; v < viewers.length; v++) {
        row(out, viewers[v].toString(), FeedDataset.isQuiet(v) ? "quiet" : "normal");
      }
    }
    try (BufferedWriter out = writer(dir.resolve("searches.tsv"))) {
      for (String[] pair : FeedDataset.searches()) {
        row(out, pair[0], pair[1]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "DUMP %,d posts into %s in %.1f s%n",
        data.posts,
        dir,
        (System.nanoTime() - t0) / 1e9);
  }

  private static BufferedWriter writer(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  private static void row(BufferedWriter out, String... columns) throws IOException {
    for (int i = 0; i < columns.length; i++) {
      if (i > 0) {
        out.write('\t');
      }
      out.write(escape(columns[i]));
    }
    out.write('\n');
  }

  /** A value in COPY text format. */
  static String escape(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String esc =
          switch (c) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> null;
          };
      if (esc != null && b == null) {
        b = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (b != null) {
        if (esc != null) {
          b.append(esc);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }
}
