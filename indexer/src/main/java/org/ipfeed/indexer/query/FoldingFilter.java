package org.ipfeed.indexer.query;

import com.ibm.icu.text.Normalizer;
import com.ibm.icu.text.Normalizer2;
import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * {@code ICUNormalizer2Filter} with a shortcut for the common case: a token of ASCII characters
 * whose folding is known to be one character each is folded from a table instead of by ICU's quick
 * check and normalization. ASCII characters are inert under normalization (no combining class, no
 * composition), so folding such a token is folding each character; the table is built from the
 * normalizer itself, so the shortcut can never disagree with it. Any other token goes to ICU.
 */
final class FoldingFilter extends TokenFilter {

  private final Normalizer2 normalizer;

  /** For each ASCII character, what it folds to, or 0 when that is not exactly one character. */
  private final char[] ascii;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final StringBuilder buffer = new StringBuilder();

  FoldingFilter(TokenStream input, Normalizer2 normalizer, char[] asciiTable) {
    super(input);
    this.normalizer = normalizer;
    this.ascii = asciiTable;
  }

  /** The table of {@link FoldingFilter}'s shortcut for {@code normalizer}. */
  static char[] asciiTable(Normalizer2 normalizer) {
    char[] table = new char[128];
    for (char c = 0; c < 128; c++) {
      String folded = normalizer.normalize(String.valueOf(c));
      table[c] = folded.length() == 1 && folded.charAt(0) < 128 ? folded.charAt(0) : 0;
    }
    return table;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    char[] b = term.buffer();
    int len = term.length();
    int i = 0;
    while (i < len && b[i] < 128 && ascii[b[i]] != 0) {
      i++;
    }
    if (i == len) {
      for (int j = 0; j < len; j++) {
        b[j] = ascii[b[j]];
      }
    } else if (normalizer.quickCheck(term) != Normalizer.YES) {
      buffer.setLength(0);
      normalizer.normalize(term, buffer);
      term.setEmpty().append(buffer);
    }
    return true;
  }
}
