package org.ipfeed.indexer;

import org.apache.lucene.analysis.Analyzer;
import org.ipfeed.indexer.query.PostAnalyzer;

/**
 * The analyzer of {@link IndexFields#TEXT}, the only analysed field. Indexing, the query translator
 * and the highlighter must use the same one, so all of them get it here.
 */
public final class TextAnalysis {

  private TextAnalysis() {}

  /**
   * A new analyzer for post text: {@link PostAnalyzer} (ICU segmentation and folding for every
   * language). Changing it changes the indexed tokens, which needs a reindex.
   */
  public static Analyzer analyzer() {
    return new PostAnalyzer();
  }
}
