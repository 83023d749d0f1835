package org.ipfeed.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.ipfeed.schema.error.BadInputException;

/**
 * Where search meets the query language: the user's string to a Lucene query, and the snippet of a
 * hit.
 *
 * <p>GAP, until {@code query.QueryTranslator} and its highlighter land on main: {@link #translate}
 * understands only plain words (every word must match, as the full language does), and {@link
 * #snippet} is the start of the text without highlighting. When they land, these two methods call
 * them and nothing else changes.
 */
final class UserQueries {

  private static final int SNIPPET_LENGTH = 200;
  private static final Analyzer ANALYZER = TextAnalysis.analyzer();

  private UserQueries() {}

  /**
   * The query for {@code userQuery} over post fields.
   *
   * @throws BadInputException {@code invalid-query} when it has nothing to search for
   */
  static Query translate(String userQuery, ZoneId zone) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    int terms = 0;
    try (TokenStream ts = ANALYZER.tokenStream(IndexFields.TEXT, userQuery)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        all.add(
            new TermQuery(new Term(IndexFields.TEXT, term.toString())), BooleanClause.Occur.MUST);
        terms++;
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (terms == 0) {
      throw new BadInputException(
          "invalid-query", "the search '" + userQuery + "' has no words to look for");
    }
    return all.build();
  }

  /** The text to show for a hit of {@code query}. */
  static String snippet(Query query, String text) {
    return text.length() <= SNIPPET_LENGTH ? text : text.substring(0, SNIPPET_LENGTH) + "…";
  }
}
