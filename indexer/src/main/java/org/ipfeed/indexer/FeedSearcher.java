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
