package org.ipfeed.indexer;

import java.util.Optional;

/**
 * Which page: at most {@code limit} items after the opaque {@code cursor} of the previous page.
 * Cursors are positions in a total order, never offsets, so pages stay stable while new items
 * arrive: no duplicates, no gaps.
 */
public record PageRequest(int limit, Optional<String> cursor) {

  public static final int MAX_LIMIT = 100;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
    }
    cursor = cursor == null ? Optional.empty() : cursor;
  }

  public static PageRequest first(int limit) {
    return new PageRequest(limit, Optional.empty());
  }

  public PageRequest after(String nextCursor) {
    return new PageRequest(limit, Optional.of(nextCursor));
  }
}
