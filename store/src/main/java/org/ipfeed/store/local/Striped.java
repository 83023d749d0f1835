package org.ipfeed.store.local;

import org.ipfeed.schema.multiformats.Multihash;

/**
 * Monitors that serialize what happens to one block's file and its in-memory entry: the
 * materializer's write of a new file, a delete's unlink, a GC sweep. Striped so that two blocks
 * rarely share one; never held around an fsync.
 */
final class Striped {

  private static final int STRIPES = 1024;
  private final Object[] locks = new Object[STRIPES];

  Striped() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  Object of(Multihash multihash) {
    int h = multihash.hashCode();
    return locks[(h ^ (h >>> 16)) & (STRIPES - 1)];
  }
}
