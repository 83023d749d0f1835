/**
 * The index: what a gateway follows, in Lucene, answering every read a social frontend needs.
 *
 * <p>{@link org.ipfeed.indexer.FeedIndex} is the facade. Its writes are batches of verified entries
 * applied by one writer thread together with the per-author checkpoints (head CID and {@code seq})
 * in the same commit, so a restart resumes from exactly what the index holds. Reads go to
 * near-real-time searchers refreshed in the background, so a new post is searchable within a second
 * without a commit per post. The API blocks; callers on an event loop run it on a worker pool.
 * Nothing here knows Vert.x.
 *
 * <p>The index is derived data: the block store is the truth, and the index can be rebuilt from it
 * at any time. It is written with its own codec ({@link org.ipfeed.indexer.FeedCodec}, found by
 * name through the service loader), so an index this version wrote cannot be opened by one without
 * that codec; an index naming a codec this version lacks is rebuilt, as one of another format is.
 * docs/index.md describes the documents, the fields, and the rules for entries that arrive out of
 * order (a tombstone before its post, an edit before its original, a label before what it labels).
 */
package org.ipfeed.indexer;
