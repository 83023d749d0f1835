package org.ipfeed.indexer;

import java.util.Objects;
import org.ipfeed.schema.identity.Did;

/** A local user's private choice to hide (or stop hiding) an author from their timeline. */
public record Mute(Did viewer, Did author, boolean muted) {
  public Mute {
    Objects.requireNonNull(viewer, "viewer");
    Objects.requireNonNull(author, "author");
  }
}
