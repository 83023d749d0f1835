package org.ipfeed.indexer;

import java.io.IOException;
import java.util.BitSet;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.DocIdSetBuilder;
import org.apache.lucene.util.FixedBitSet;

/**
 * Posts by any of a set of authors (numbered by {@link AuthorOrdinals}), for a page that wants the
 * first {@code wanted} in index order: the home timeline.
 *
 * <p>Each segment picks the cheaper of two plans. The index is sorted newest first, so walking the
 * author doc values from the start and keeping the followed ones finds a page after about {@code
 * wanted / share} documents, where share is the followed authors' part of the segment; the
 * collector then stops the segment. When the followed authors are few or quiet that walk would
 * cross most of the segment, so their postings are read instead (one term seek each, plus their
 * documents). The followed authors' document counts, known per segment, decide.
 *
 * <p>Never cached: it is per viewer, and caching would evaluate it over whole segments.
 */
final class AuthorSetQuery extends Query {

  /** What one term seek costs, in documents walked: a guess on the safe side of measurements. */
  private static final int SEEK_COST = 64;

  private final AuthorOrdinals ordinals;
  private final BitSet authors;
  private final int wanted;

  AuthorSetQuery(AuthorOrdinals ordinals, BitSet authors, int wanted) {
    this.ordinals = ordinals;
    this.authors = (BitSet) authors.clone();
    this.wanted = wanted;
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public Scorer scorer(LeafReaderContext ctx) throws IOException {
        LeafReader reader = ctx.reader();
        SortedDocValues values = reader.getSortedDocValues(IndexFields.AUTHOR);
        if (values == null) {
          return null;
        }
        AuthorOrdinals.Segment seg = ordinals.segment(reader, IndexFields.AUTHOR);
        FixedBitSet ords = new FixedBitSet(seg.ordToId().length);
        long postings = 0;
        int terms = 0;
        for (int id = authors.nextSetBit(0); id >= 0; id = authors.nextSetBit(id + 1)) {
          int o = seg.ord(id);
          if (o >= 0) {
            ords.set(o);
            postings += seg.docFreq()[o];
            terms++;
          }
        }
        if (terms == 0) {
          return null;
        }
        int maxDoc = reader.maxDoc();
        double walk = Math.min(maxDoc, (double) wanted * maxDoc / Math.max(1, postings));
        if (postings + (double) SEEK_COST * terms < walk) {
          return fromPostings(reader, seg, ords);
        }
        TwoPhaseIterator twoPhase =
            new TwoPhaseIterator(values) {
              @Override
              public boolean matches() throws IOException {
                return ords.get(values.ordValue());
              }

              @Override
              public float matchCost() {
                return 2;
              }
            };
        return new ConstantScoreScorer(this, score(), scoreMode, twoPhase);
      }

      private Scorer fromPostings(LeafReader reader, AuthorOrdinals.Segment seg, FixedBitSet ords)
          throws IOException {
        Terms indexed = reader.terms(IndexFields.AUTHOR);
        if (indexed == null) {
          return null;
        }
        TermsEnum te = indexed.iterator();
        DocIdSetBuilder docs = new DocIdSetBuilder(reader.maxDoc(), indexed);
        PostingsEnum pe = null;
        int end = DocIdSetIterator.NO_MORE_DOCS;
        for (int o = ords.nextSetBit(0);
            o != end;
            o = o + 1 < ords.length() ? ords.nextSetBit(o + 1) : end) {
          if (te.seekExact(new BytesRef(ordinals.name(seg.ordToId()[o])))) {
            pe = te.postings(pe, PostingsEnum.NONE);
            docs.add(pe);
          }
        }
        return new ConstantScoreScorer(this, score(), scoreMode, docs.build().iterator());
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
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
    return "AuthorSetQuery(" + authors.cardinality() + " authors, wanted=" + wanted + ")";
  }

  @Override
  public boolean equals(Object o) {
    return sameClassAs(o)
        && authors.equals(((AuthorSetQuery) o).authors)
        && wanted == ((AuthorSetQuery) o).wanted;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * classHash() + authors.hashCode()) + wanted;
  }
}
