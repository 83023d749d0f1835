package org.ipfeed.indexer;

/**
 * A search result: the post, its relevance score (BM25; 0 when sorted by time), and the matched
 * text with the matching words marked for display.
 */
public record SearchHit(PostView post, float score, String snippet) {}
