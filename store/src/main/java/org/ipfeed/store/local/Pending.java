package org.ipfeed.store.local;

import org.ipfeed.store.Block;

/**
 * An acknowledged block that may not be in flatfs yet, held in memory so reads can serve it until
 * the materializer has written its file whole. Compared by identity: a second put of the same block
 * is a second {@code Pending}, and only the newest one for a multihash gets materialized.
 */
final class Pending {

  private final Block block;
  private final Segment segment;

  Pending(Block block, Segment segment) {
    this.block = block;
    this.segment = segment;
  }

  Block block() {
    return block;
  }

  /** The journal segment holding the record; it may not retire before this block is in flatfs. */
  Segment segment() {
    return segment;
  }
}
