package org.ipfeed.indexer;

import java.util.List;

/**
 * A conversation: the root post and every reply in tree order (depth-first, siblings oldest first),
 * each with its depth below the root.
 */
public record ThreadView(PostView root, List<Reply> replies) {

  public record Reply(PostView post, int depth) {}

  public ThreadView {
    replies = List.copyOf(replies);
  }
}
