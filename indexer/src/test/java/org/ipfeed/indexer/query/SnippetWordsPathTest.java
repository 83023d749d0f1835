package org.ipfeed.indexer.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Queries of single words take the highlighter's cheap path (offsets from the token stream, no
 * in-memory index). It must mark exactly what the positional path marks, on every corpus post and
 * on long texts made of several, whose snippets are passages.
 */
class SnippetWordsPathTest {

  private static final Analyzer ANALYZER = new PostAnalyzer();
  private static final QueryTranslator TRANSLATOR = new QueryTranslator(ANALYZER);
  private static final SnippetHighlighter FAST = new SnippetHighlighter(ANALYZER);
  private static final SnippetHighlighter REFERENCE = new SnippetHighlighter(ANALYZER, true);

  @AfterAll
  static void close() {
    ANALYZER.close();
  }

  @Test
  void wordQueriesMarkWhatThePositionalPathMarks() throws IOException {
    List<String> posts = corpus();
    int marked = 0;
    int passages = 0;
    for (int i = 0; i < posts.size(); i++) {
      String text =
          i % 5 == 0
              ? String.join(" ", posts.subList(i, Math.min(posts.size(), i + 6)))
              : posts.get(i);
      List<String> words = words(text);
      if (words.size() < 3) {
        continue;
      }
      String first = words.get(0);
      String middle = words.get(words.size() / 2);
      String last = words.get(words.size() - 1);
      for (String q :
          List.of(
              first + " " + last, middle + " OR nothingmatchesthis", "-" + first + " " + last)) {
        Query query = TRANSLATOR.translate(q, ZoneOffset.UTC);
        String fast = FAST.snippet(query, text);
        assertThat(fast).as("%s in %s", q, text).isEqualTo(REFERENCE.snippet(query, text));
        marked += fast.contains("<mark>") ? 1 : 0;
        passages += text.length() > SnippetHighlighter.WHOLE_TEXT && fast.contains("…") ? 1 : 0;
      }
    }
    // The comparison means something only if many snippets mark words and many are passages.
    assertThat(marked).isGreaterThan(1_000);
    assertThat(passages).isGreaterThan(100);
  }

  /** Plain words of at least three letters: no operators, no hashtags, no mentions. */
  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.split("[^\\p{L}]+")) {
      if (w.length() >= 3 && !List.of("OR", "AND", "NOT").contains(w.toUpperCase(Locale.ROOT))) {
        out.add(w);
      }
    }
    return out;
  }

  private static List<String> corpus() throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                SnippetWordsPathTest.class.getResourceAsStream("/corpus/posts.txt"),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
    }
    return lines;
  }
}
