package org.ipfeed.indexer.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.ipfeed.indexer.IndexFields;

/**
 * The snippet of a search hit: its text as HTML, with the words the query matched in {@code
 * <mark>…</mark>} and everything else escaped ({@code & < > " '}), so a web frontend can insert it
 * as it is. For {@code "big cats" -dogs} and the text {@code Big cats & <b>dogs</b>}:
 *
 * <pre>{@code
 * <mark>Big cats</mark> &amp; &lt;b&gt;dogs&lt;/b&gt;
 * }</pre>
 *
 * <p>A post of up to {@value #WHOLE_TEXT} characters, most of them, is shown whole. A longer one is
 * cut to the best {@value #PASSAGES} passages of about {@value #PASSAGE_LENGTH} characters around
 * the matches, at word boundaries, with {@code …} where text was left out. A phrase is marked as
 * one span; matches found through folding are marked in the original spelling (a search for {@code
 * acao} marks {@code ação}); overlapping CJK bigrams merge into one span. Excluded terms and
 * operators mark nothing; a hit found by operators alone shows its beginning unmarked.
 *
 * <p>The text is analysed again with the index's analyzer (the index stores no offsets): a post
 * takes microseconds. A query of single words only needs their offsets in the token stream; only a
 * phrase, which must match in order, needs Lucene's in-memory index of the text. Building that
 * index allocated half of all the garbage of the gateway's read load, so words alone skip it.
 * Thread-safe.
 */
public final class SnippetHighlighter {

  /** Texts up to this many characters (UTF-16 units) are shown whole. */
  public static final int WHOLE_TEXT = 300;

  /** How many passages of a longer text are shown. */
  public static final int PASSAGES = 2;

  /** The length a passage of a longer text aims at, in characters. */
  public static final int PASSAGE_LENGTH = 140;

  private static final String ELLIPSIS = "…";

  /**
   * The scorer of texts shown whole: one passage, nothing to rank. Lucene's scorer builds a hash of
   * the passage's terms on every call, a third of all the gateway's garbage under read load.
   */
  private static final PassageScorer ONE_PASSAGE =
      new PassageScorer() {
        @Override
        public float score(Passage passage, int contentLength) {
          return 1f;
        }
      };

  private final Highlighters phrases;
  private final Highlighters words;

  /** A highlighter for texts shown whole and one for passages of longer texts. */
  private record Highlighters(UnifiedHighlighter whole, UnifiedHighlighter passages) {

    UnifiedHighlighter forText(boolean isShort) {
      return isShort ? whole : passages;
    }
  }

  /**
   * @param analyzer the analyzer that indexes {@link IndexFields#TEXT} (a {@link PostAnalyzer})
   */
  public SnippetHighlighter(Analyzer analyzer) {
    this(analyzer, false);
  }

  /** With {@code positionalOnly}, words too go the phrases' way: the reference for the tests. */
  SnippetHighlighter(Analyzer analyzer, boolean positionalOnly) {
    Objects.requireNonNull(analyzer, "analyzer");
    this.phrases = highlighters(analyzer, true);
    this.words = positionalOnly ? phrases : highlighters(analyzer, false);
  }

  /**
   * With {@code positional}, Lucene's defaults: whole matches of phrases, found through an
   * in-memory index of the text. Without, offsets straight from the token stream, which is all that
   * single words need (Lucene takes that path only with both flags below off).
   */
  private static Highlighters highlighters(Analyzer analyzer, boolean positional) {
    UnifiedHighlighter whole =
        builder(analyzer, positional)
            .withBreakIterator(WholeBreakIterator::new)
            .withScorer(ONE_PASSAGE)
            .build();
    UnifiedHighlighter passages =
        builder(analyzer, positional)
            .withBreakIterator(
                () ->
                    LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getWordInstance(Locale.ROOT), PASSAGE_LENGTH, 0.5f))
            .build();
    return new Highlighters(whole, passages);
  }

  private static UnifiedHighlighter.Builder builder(Analyzer analyzer, boolean positional) {
    return UnifiedHighlighter.builderWithoutSearcher(analyzer)
        .withFormatter(new MarkFormatter())
        .withMaxNoHighlightPassages(1)
        .withWeightMatches(positional)
        .withPassageRelevancyOverSpeed(positional);
  }

  /** The snippet of {@code text} for a hit of {@code query} (from {@link QueryTranslator}). */
  public String snippet(Query query, String text) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      return "";
    }
    boolean isShort = text.length() <= WHOLE_TEXT;
    Query marked = wordsOf(query);
    try {
      Object snippet =
          (onlyTerms(marked) ? words : phrases)
              .forText(isShort)
              .highlightWithoutSearcher(IndexFields.TEXT, marked, text, isShort ? 1 : PASSAGES);
      return snippet == null ? "" : (String) snippet;
    } catch (IOException e) {
      // The text is in memory: no I/O can fail.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The words and phrases of {@code query} that a hit's text may contain, as alternatives. The
   * highlighter matches the query against this one text alone, where the operators' fields do not
   * exist: {@code cats #wildlife} as it stands would match nothing there and mark nothing.
   */
  private static Query wordsOf(Query query) {
    Set<Query> words = new LinkedHashSet<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            return field.equals(IndexFields.TEXT);
          }

          @Override
          public void consumeTerms(Query leaf, Term... terms) {
            words.add(leaf);
          }

          @Override
          public QueryVisitor getSubVisitor(Occur occur, Query parent) {
            return occur == Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
          }
        });
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (Query word : words) {
      any.add(word, Occur.SHOULD);
    }
    return any.build();
  }

  /** Whether every alternative of {@code words} (from {@link #wordsOf}) is a single term. */
  private static boolean onlyTerms(Query words) {
    for (BooleanClause clause : ((BooleanQuery) words).clauses()) {
      if (!(clause.getQuery() instanceof TermQuery)) {
        return false;
      }
    }
    return true;
  }

  /** Marks matches, escapes the rest, and says with an ellipsis where text was left out. */
  private static final class MarkFormatter extends PassageFormatter {

    @Override
    public String format(Passage[] passages, String content) {
      StringBuilder out = new StringBuilder(content.length() + 32);
      int previousEnd = 0;
      for (Passage passage : passages) {
        int[] starts = passage.getMatchStarts();
        int[] ends = passage.getMatchEnds();
        int matches = passage.getNumMatches();
        // Passages break at word boundaries, which leaves spaces at their edges.
        int at = passage.getStartOffset();
        int firstMatch = matches == 0 ? passage.getEndOffset() : starts[0];
        while (at < firstMatch && Character.isWhitespace(content.charAt(at))) {
          at++;
        }
        int end = passage.getEndOffset();
        int lastMatch = matches == 0 ? at : ends[matches - 1];
        while (end > Math.max(at, lastMatch) && Character.isWhitespace(content.charAt(end - 1))) {
          end--;
        }
        if (at > previousEnd) {
          out.append(out.length() == 0 ? ELLIPSIS : " " + ELLIPSIS + " ");
        }
        for (int i = 0; i < matches; i++) {
          int start = Math.max(starts[i], at);
          int matchEnd = ends[i];
          // Matches come by start offset; overlapping ones (CJK bigrams) become one span.
          while (i + 1 < matches && starts[i + 1] <= matchEnd) {
            matchEnd = Math.max(matchEnd, ends[++i]);
          }
          if (matchEnd <= start) {
            continue;
          }
          escape(content, at, start, out);
          out.append("<mark>");
          escape(content, start, matchEnd, out);
          out.append("</mark>");
          at = matchEnd;
        }
        escape(content, at, Math.max(at, end), out);
        previousEnd = Math.max(at, passage.getEndOffset());
      }
      if (previousEnd < content.length() && !content.substring(previousEnd).isBlank()) {
        out.append(ELLIPSIS);
      }
      return out.toString();
    }

    private static void escape(String content, int from, int to, StringBuilder out) {
      for (int i = from; i < to; i++) {
        char c = content.charAt(i);
        switch (c) {
          case '&' -> out.append("&amp;");
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          case '"' -> out.append("&quot;");
          case '\'' -> out.append("&#39;");
          default -> out.append(c);
        }
      }
    }
  }
}
