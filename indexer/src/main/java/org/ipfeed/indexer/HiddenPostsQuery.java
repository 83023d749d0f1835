package org.ipfeed.indexer;

import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * The posts moderation hides, as one bit set per segment computed when the searcher was made. Every
 * read subtracts it, so it must cost a bit test, not the hundreds of term lookups of the label
 * query it was computed from.
 */
final class HiddenPostsQuery extends Query {

  private final Map<IndexReader.CacheKey, FixedBitSet> perSegment;

  /**
   * @param perSegment hidden documents by segment core key; segments absent hide nothing
   */
  HiddenPostsQuery(Map<IndexReader.CacheKey, FixedBitSet> perSegment) {
    this.perSegment = Map.copyOf(perSegment);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public Scorer scorer(LeafReaderContext context) {
        IndexReader.CacheHelper core = context.reader().getCoreCacheHelper();
        FixedBitSet bits = core == null ? null : perSegment.get(core.getKey());
        if (bits == null) {
          return null;
        }
        return new ConstantScoreScorer(
            this, score(), scoreMode, new BitSetIterator(bits, bits.cardinality()));
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        // Already a bit set; caching it again would only copy it.
        return false;
      }
    };
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    return "HiddenPosts(" + perSegment.size() + " segments)";
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
