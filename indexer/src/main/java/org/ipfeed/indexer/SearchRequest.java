package org.ipfeed.indexer;

import java.util.Objects;
import java.util.Optional;
import org.ipfeed.schema.identity.Did;

/**
 * A full-text search in the query language users know (see {@code query.QueryTranslator}), as seen
 * by an optional viewer whose blocks and mutes apply.
 */
public record SearchRequest(String query, Order order, Optional<Did> viewer, PageRequest page) {

  /** Best match first (BM25), or newest first. */
  public enum Order {
    RELEVANCE,
    NEWEST
  }

  public SearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(order, "order");
    viewer = viewer == null ? Optional.empty() : viewer;
    Objects.requireNonNull(page, "page");
  }
}
