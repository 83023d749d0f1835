package org.ipfeed.indexer;

import java.io.Closeable;
import java.util.Map;
import java.util.Optional;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * The index facade; see the package documentation. Thread-safe: writes are serialised onto one
 * writer, reads run concurrently on near-real-time searchers. Every method blocks.
 */
public interface FeedIndex extends Closeable {

  /**
   * Applies a batch and its checkpoints atomically: after a crash, either all of it is in the index
   * or none of it is. Visible to reads within a second (near-real-time refresh); durable at the
   * next commit, which the commit policy triggers by count and time, and on close.
   */
  void apply(IndexBatch batch);

  /** Commits now: everything applied so far survives a crash. */
  void commit();

  /** Where the index stands in each author's log, as of the last commit or later. */
  Optional<Checkpoint> checkpoint(Did author);

  Map<Did, Checkpoint> checkpoints();

  /**
   * Posts by the authors {@code viewer} follows and by the viewer, newest first; without deleted
   * posts, replaced versions, authors the viewer blocks or mutes, and posts hidden by moderation.
   */
  Page<PostView> homeTimeline(Did viewer, PageRequest page);

  /** One author's posts, newest first. */
  Page<PostView> authorFeed(Did author, Optional<Did> viewer, PageRequest page);

  /** Posts in a community, newest first, without those its moderators hid. */
  Page<PostView> communityFeed(Cid community, Optional<Did> viewer, PageRequest page);

  /** Posts with a hashtag, newest first. */
  Page<PostView> tagFeed(String tag, Optional<Did> viewer, PageRequest page);

  /** Posts that mention {@code did}, newest first. */
  Page<PostView> mentions(Did did, Optional<Did> viewer, PageRequest page);

  /** The post (by original or version CID), if indexed and not deleted. */
  Optional<PostView> post(Cid cid);

  /** The thread whose root is {@code root} (or that contains {@code cid}), in tree order. */
  Optional<ThreadView> thread(Cid cid, Optional<Did> viewer);

  /** Full-text search. Throws {@code query.QuerySyntaxException} for a malformed query. */
  Page<SearchHit> search(SearchRequest request);

  /** The authors {@code viewer} follows, as entries say. */
  java.util.Set<Did> following(Did viewer);
}
