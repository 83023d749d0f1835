package org.ipfeed.indexer;

import java.util.Objects;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * How far the index has read an author's log: the head it has applied and that entry's {@code seq}.
 * Stored in the same commit as the entries, so it never claims more than the index holds.
 */
public record Checkpoint(Did author, Cid head, long seq) {
  public Checkpoint {
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(head, "head");
    if (seq < 1) {
      throw new IllegalArgumentException("seq starts at 1: " + seq);
    }
  }
}
