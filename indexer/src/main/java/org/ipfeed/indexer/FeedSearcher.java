package org.ipfeed.indexer;

import java.io.IOException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;

/**
 * A point-in-time searcher with what every read of it needs worked out once: the query of posts
 * moderation hides. Made by {@link Factory} on each near-real-time refresh, off the read path.
 */
final class FeedSearcher extends IndexSearcher {

  private final Query hidden;

  private FeedSearcher(IndexReader reader, Query hidden) {
    super(reader);
    // Lucene's shared query cache locks one map on every segment of every query. Under concurrent
    // reads its lock was the most contended monitor of the gateway, and the reads gain little from
    // it: a timeline's author set and a search's words differ per request, and the one filter they
    // share (the post kind) is a single term whose postings are as cheap to read as a cached set.
    setQueryCache(null);
    this.hidden = hidden;
  }

  /** Posts hidden by moderation as of this searcher, or null when none are. */
  Query hidden() {
    return hidden;
  }

  /** Builds each refreshed searcher with its moderation view. */
  static final class Factory extends SearcherFactory {
    private final Moderation moderation;

    Factory(Moderation moderation) {
      this.moderation = moderation;
    }

    @Override
    public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader)
        throws IOException {
      return new FeedSearcher(reader, moderation.hiddenPosts(reader));
    }
  }
}
