package org.ipfeed.indexer.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Snippets of highlight-fixtures.tsv (short posts, shown whole) and of long posts. */
class SnippetHighlighterTest {

  private static final Analyzer ANALYZER = new PostAnalyzer();
  private static final QueryTranslator TRANSLATOR = new QueryTranslator(ANALYZER);
  private static final SnippetHighlighter HIGHLIGHTER = new SnippetHighlighter(ANALYZER);

  @AfterAll
  static void close() {
    ANALYZER.close();
  }

  static Stream<Arguments> fixtures() {
    return FixtureTable.read("highlight-fixtures.tsv", 3).stream()
        .map(row -> Arguments.of(row.line(), row.cell(0), row.cell(1), row.cell(2)));
  }

  @ParameterizedTest(name = "line {0}: {1}")
  @MethodSource("fixtures")
  void marksMatchesAndEscapesTheRest(int line, String query, String text, String expected) {
    assertThat(snippet(query, text)).isEqualTo(expected);
  }

  @Test
  void longTextIsCutToPassagesAroundTheMatches() {
    String text =
        "word ".repeat(120)
            + "the ending is here. "
            + "more ".repeat(60)
            + "and another ending "
            + "tail ".repeat(40);

    String snippet = snippet("ending", text);

    assertThat(snippet)
        .startsWith("…word word")
        .contains("the <mark>ending</mark> is here.")
        .contains(" … ")
        .contains("and another <mark>ending</mark> tail")
        .endsWith("tail…")
        .doesNotContain("  ");
    assertThat(snippet.replace("<mark>", "").replace("</mark>", "").length())
        .isLessThan(2 * (SnippetHighlighter.PASSAGE_LENGTH + 40));
  }

  @Test
  void longTextWithoutMatchesShowsItsBeginning() {
    String text = "<word> ".repeat(100);

    String snippet = snippet("#wildlife", text);

    assertThat(snippet)
        .startsWith("&lt;word&gt; &lt;word&gt;")
        .endsWith("&gt;…")
        .doesNotContain("<mark>");
  }

  @Test
  void textOfExactlyTheWholeLimitIsShownWhole() {
    String text = "a".repeat(SnippetHighlighter.WHOLE_TEXT - 5) + " cats";

    assertThat(snippet("cats", text))
        .isEqualTo("a".repeat(SnippetHighlighter.WHOLE_TEXT - 5) + " <mark>cats</mark>");
  }

  @Test
  void emptyTextGivesAnEmptySnippet() {
    assertThat(snippet("cats", "")).isEmpty();
  }

  private static String snippet(String query, String text) {
    Query translated = TRANSLATOR.translate(query, ZoneOffset.UTC);
    return HIGHLIGHTER.snippet(translated, text);
  }
}
