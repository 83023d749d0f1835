package org.ipfeed.store.local;

/**
 * What a garbage collection did.
 *
 * @param removed block files removed
 * @param removedBytes their total size
 * @param kept block files looked at and kept: pinned, or put or pinned while the collection ran
 */
public record GcResult(long removed, long removedBytes, long kept) {

  static final GcResult NONE = new GcResult(0, 0, 0);

  GcResult plus(GcResult other) {
    return new GcResult(
        removed + other.removed, removedBytes + other.removedBytes, kept + other.kept);
  }
}
