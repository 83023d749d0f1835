package org.ipfeed.indexer.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.BytesRef;
import org.ipfeed.indexer.IndexFields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The token streams of analyzer-fixtures.tsv: text in, tokens out, one space-separated group per
 * position and {@code /} between tokens stacked on one position (a CJK character and the bigram
 * that starts there).
 */
class PostAnalyzerTest {

  private static final Analyzer ANALYZER = new PostAnalyzer();

  @AfterAll
  static void close() {
    ANALYZER.close();
  }

  static Stream<Arguments> fixtures() {
    return FixtureTable.read("analyzer-fixtures.tsv", 3).stream()
        .map(row -> Arguments.of(row.cell(0), row.cell(1), row.cell(2)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("fixtures")
  void tokenStream(String name, String text, String expected) throws IOException {
    assertThat(positions(text)).isEqualTo(expected);
  }

  @Test
  void offsetsPointIntoTheOriginalText() throws IOException {
    String text = "ＡＢＣ l’été ｶﾞｽ";
    List<String> covered = new ArrayList<>();
    try (TokenStream stream = ANALYZER.tokenStream(IndexFields.TEXT, text)) {
      OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        covered.add(text.substring(offsets.startOffset(), offsets.endOffset()));
      }
      stream.end();
    }
    // Half-width kana shrink under NFKC, so their bigrams cannot be placed one by one: each
    // covers the whole word, which still highlights the right text.
    assertThat(covered).containsExactly("ＡＢＣ", "l", "été", "ｶﾞｽ", "ｶﾞｽ", "ｶﾞｽ");
  }

  @Test
  void normalizesTermsForMultiTermQueriesLikeText() {
    assertThat(ANALYZER.normalize(IndexFields.TEXT, "AÇÃO")).isEqualTo(new BytesRef("acao"));
  }

  private static String positions(String text) throws IOException {
    StringBuilder out = new StringBuilder();
    try (TokenStream stream = ANALYZER.tokenStream(IndexFields.TEXT, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (increment.getPositionIncrement() == 0) {
          out.append('/');
        } else {
          if (out.length() > 0) {
            out.append(' ');
          }
          out.append("_ ".repeat(increment.getPositionIncrement() - 1));
        }
        out.append(term);
      }
      stream.end();
    }
    return out.toString();
  }
}
