package org.ipfeed.indexer.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.segmentation.DefaultICUTokenizerConfig;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.ipfeed.indexer.IndexFields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PostAnalyzer}'s own filters ({@link ApostropheCharFilter}, {@link FoldingFilter}) against
 * the Lucene and ICU filters they stand in for: the same terms, offsets, positions and types on the
 * whole test corpus and on seeded random text mixing every script the analyzer treats specially.
 * Any difference would change indexed tokens without a reindex.
 */
class PostAnalyzerEquivalenceTest {

  private static final Analyzer ANALYZER = new PostAnalyzer();

  /** The analyzer as it was built from Lucene's MappingCharFilter and ICUNormalizer2Filter. */
  private static final Analyzer REFERENCE =
      new Analyzer() {
        private final NormalizeCharMap apostrophes = apostrophes();

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
          return new MappingCharFilter(
              apostrophes, new ICUNormalizer2CharFilter(reader, PostAnalyzer.nfkc()));
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
          Tokenizer tokenizer = new ICUTokenizer(new DefaultICUTokenizerConfig(false, true));
          TokenStream stream = new ICUNormalizer2Filter(tokenizer, PostAnalyzer.folding());
          stream =
              new CJKBigramFilter(
                  stream,
                  CJKBigramFilter.HAN
                      | CJKBigramFilter.HIRAGANA
                      | CJKBigramFilter.KATAKANA
                      | CJKBigramFilter.HANGUL,
                  true);
          return new TokenStreamComponents(tokenizer, stream);
        }
      };

  @AfterAll
  static void close() {
    ANALYZER.close();
    REFERENCE.close();
  }

  @Test
  void sameTokensOnTheCorpus() throws IOException {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                getClass().getResourceAsStream("/corpus/posts.txt"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        assertThat(tokens(ANALYZER, line)).as(line).isEqualTo(tokens(REFERENCE, line));
      }
    }
  }

  @Test
  void sameTokensOnMixedRandomText() throws IOException {
    String[] pieces = {
      "a",
      "Z",
      "q",
      "É",
      "é",
      "ß",
      "İ",
      "ı",
      "Ω",
      "ж",
      "0",
      "7",
      "_",
      ".",
      ":",
      ",",
      ";",
      "-",
      "'",
      "’",
      "‘",
      "ʼ",
      "^",
      "`",
      "~",
      "#",
      "@",
      "/",
      "?",
      "&",
      " ",
      " ",
      " ",
      "\t",
      "ｆｕｌｌ",
      "ﬁ",
      "東京",
      "猫",
      "タワー",
      "ｶﾞｽ",
      "バス",
      "한국어",
      "ไทย",
      "हिन्दी",
      "עברית",
      "عربي",
      "🚀",
      "👍🏽",
      "👨‍👩‍👧",
      "e\u0301",
      "\u00a0",
      "½",
      "Ⅻ",
      "http://x.y/z?a=1",
      "3.14",
      "1,000",
      "e.g.",
      "don't",
    };
    Random random = new Random(20261126L);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(12);
      for (int i = 0; i < parts; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String t = text.toString();
      assertThat(tokens(ANALYZER, t)).as(t).isEqualTo(tokens(REFERENCE, t));
    }
  }

  @Test
  void sameTokensForEveryAsciiCharacterInAWord() throws IOException {
    for (char c = 1; c < 128; c++) {
      String t = "ab" + c + "cd " + c + " X" + c + "9 " + c + c;
      assertThat(tokens(ANALYZER, t)).as("%d", (int) c).isEqualTo(tokens(REFERENCE, t));
    }
  }

  private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(IndexFields.TEXT, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute inc = stream.addAttribute(PositionIncrementAttribute.class);
      TypeAttribute type = stream.addAttribute(TypeAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(
            term
                + " "
                + offsets.startOffset()
                + "-"
                + offsets.endOffset()
                + " +"
                + inc.getPositionIncrement()
                + " "
                + type.type());
      }
      stream.end();
      out.add("end " + offsets.endOffset());
    }
    return out;
  }

  private static NormalizeCharMap apostrophes() {
    NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
    for (String apostrophe : new String[] {"'", "\u2019", "\u2018", "\u02bc"}) {
      map.add(apostrophe, " ");
    }
    return map.build();
  }
}
