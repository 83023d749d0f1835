package org.ipfeed.indexer;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.ipfeed.schema.identity.Did;

/**
 * A full-text search in the query language users know (see {@code query.QueryTranslator}), as seen
 * by an optional viewer whose blocks and mutes apply.
 *
 * @param zone the time zone in which {@code since:} and {@code until:} dates are whole days: the
 *     viewer's, when the caller knows it
 */
public record SearchRequest(
    String query, Order order, Optional<Did> viewer, PageRequest page, ZoneId zone) {

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
    Objects.requireNonNull(zone, "zone");
  }

  /** A search whose dates are UTC days. */
  public SearchRequest(String query, Order order, Optional<Did> viewer, PageRequest page) {
    this(query, order, viewer, page, ZoneOffset.UTC);
  }
}
