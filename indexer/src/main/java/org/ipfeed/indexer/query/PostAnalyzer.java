package org.ipfeed.indexer.query;

import com.ibm.icu.text.FilteredNormalizer2;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.UnicodeSet;
import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.apache.lucene.analysis.icu.segmentation.DefaultICUTokenizerConfig;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;

/**
 * The analyzer of post text, for indexing, for queries ({@link QueryTranslator}) and for
 * highlighting ({@link SnippetHighlighter}): one analyzer on every side, so a word always meets the
 * same tokens. Thread-safe, like every Lucene analyzer.
 *
 * <p>A feed mixes every language, usually without a reliable language tag, so nothing here is
 * specific to one language:
 *
 * <ol>
 *   <li>NFKC before tokenizing: full-width Latin, half-width katakana, ligatures and compatibility
 *       characters become their plain forms, and offsets still point into the original text.
 *   <li>Apostrophes ({@code ' ’ ‘ ʼ}) become spaces, so {@code l'homme}, {@code dell'anno} and
 *       {@code Alice's} are found by {@code homme}, {@code anno} and {@code alice}. A query that
 *       contains the apostrophe still matches exactly: it becomes the phrase of the same parts.
 *   <li>ICU word segmentation (UAX #29, dictionaries for Thai, Lao, Khmer and Myanmar). Hashtags
 *       and {@code @} lose their sign ({@code #Lucene} is the word {@code lucene}), URLs split at
 *       slashes and query marks, emoji are tokens of their own.
 *   <li>ICU folding (case, accents, diacritics, letter forms), except in scripts where the marks
 *       are part of the spelling rather than optional accents: Japanese kana (voiced marks, the
 *       long-vowel mark: バス is not ハス), Thai, Lao, Khmer, Myanmar, Tibetan and the Indic scripts
 *       (tone marks, viramas). Arabic and Hebrew vowel marks, which writers usually leave out, are
 *       folded.
 *   <li>Han, kana and Hangul as overlapping bigrams, with single characters at the same positions.
 *       A dictionary segmenter glues words differently in different contexts (ICU reads 東京タワー as
 *       one word, so {@code 東京} would never find it); bigrams always meet. Single characters are
 *       indexed so that one-character words (猫, 家) are found; {@link QueryTranslator} searches with
 *       the bigrams of multi-character words and the single characters of one-character ones.
 * </ol>
 *
 * <p>No stop words: which words carry no meaning depends on the language, short posts have few
 * words to spare, and BM25 already gives little weight to frequent words. No stemming: a stemmer
 * for one language mangles the others, and a feed rarely says reliably which language a post is in.
 * German compounds stay whole ({@code Dampfschiff} is not found by {@code Schiff}); splitting them
 * needs a dictionary.
 *
 * <p>Changing anything here changes the tokens of indexed text: it needs a reindex.
 */
public final class PostAnalyzer extends Analyzer {

  /**
   * Scripts whose combining marks change the word, where folding would merge different words.
   * Listed by script extension so that shared marks (the kana voicing marks, the long-vowel mark,
   * the dandas) go with their scripts.
   */
  private static final UnicodeSet UNFOLDED_SCRIPTS =
      new UnicodeSet(
              "[[:scx=Hira:][:scx=Kana:][:scx=Thai:][:scx=Laoo:][:scx=Khmr:][:scx=Mymr:]"
                  + "[:scx=Tibt:][:scx=Deva:][:scx=Beng:][:scx=Guru:][:scx=Gujr:][:scx=Orya:]"
                  + "[:scx=Taml:][:scx=Telu:][:scx=Knda:][:scx=Mlym:][:scx=Sinh:]]")
          .freeze();

  private static final Normalizer2 FOLDING =
      new FilteredNormalizer2(
          ICUFoldingFilter.NORMALIZER, new UnicodeSet(UNFOLDED_SCRIPTS).complement().freeze());

  /**
   * Without case folding, which would also drop the zero-width joiners of emoji sequences before
   * the tokenizer sees them; the folding filter folds case afterwards.
   */
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

  /** {@link #FOLDING} of each ASCII character, for {@link FoldingFilter}'s shortcut. */
  private static final char[] FOLDING_ASCII = FoldingFilter.asciiTable(FOLDING);

  private static final int CJK_SCRIPTS =
      CJKBigramFilter.HAN
          | CJKBigramFilter.HIRAGANA
          | CJKBigramFilter.KATAKANA
          | CJKBigramFilter.HANGUL;

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return new ApostropheCharFilter(new ICUNormalizer2CharFilter(reader, NFKC));
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    // cjkAsWords = false: Han and kana come out one character each, for the bigram filter.
    Tokenizer tokenizer = new ICUTokenizer(new DefaultICUTokenizerConfig(false, true));
    TokenStream stream = new FoldingFilter(tokenizer, FOLDING, FOLDING_ASCII);
    stream = new CJKBigramFilter(stream, CJK_SCRIPTS, true);
    return new TokenStreamComponents(tokenizer, stream);
  }

  @Override
  protected Reader initReaderForNormalization(String fieldName, Reader reader) {
    return initReader(fieldName, reader);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new FoldingFilter(in, FOLDING, FOLDING_ASCII);
  }

  /**
   * The folding this analyzer applies, for tests that check {@link FoldingFilter} against ICU's own
   * filter.
   */
  static Normalizer2 folding() {
    return FOLDING;
  }

  /** NFKC as applied before tokenizing, for the same tests. */
  static Normalizer2 nfkc() {
    return NFKC;
  }
}
