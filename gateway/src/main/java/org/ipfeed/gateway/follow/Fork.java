package org.ipfeed.gateway.follow;

import java.net.URI;
import java.time.Instant;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * Two signed entries of one author with one {@code seq}: {@code ours} is in this node's log, {@code
 * theirs} came from {@code peer}. Both signatures were checked, so the author really signed both.
 */
public record Fork(Did author, long seq, Cid ours, Cid theirs, URI peer, Instant seen) {}
