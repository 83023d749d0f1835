package org.ipfeed.indexer;

import java.util.List;
import java.util.Optional;

/** A page of results and the cursor of the next one (empty on the last page). */
public record Page<T>(List<T> items, Optional<String> next) {
  public Page {
    items = List.copyOf(items);
  }
}
