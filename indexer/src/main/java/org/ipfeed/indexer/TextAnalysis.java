package org.ipfeed.indexer;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analyzer of {@link IndexFields#TEXT}, the only analysed field. Indexing and the query
 * translator must use the same one, so both come here.
 */
public final class TextAnalysis {

  private TextAnalysis() {}

  /**
   * A new analyzer for post text. StandardAnalyzer until the ICU-based {@code query.PostAnalyzer}
   * lands; switching is this one line, and needs a reindex.
   */
  public static Analyzer analyzer() {
    return new StandardAnalyzer();
  }
}
