package org.ipfeed.indexer;

import java.util.ArrayList;
import java.util.List;

/**
 * A Bloom filter of every document id the writer has written: "certainly absent" or "maybe
 * present". Applying an entry asks the index about a few ids (is this post deleted, is an edit of
 * it waiting, is it already here); almost always the answer is no, and a no from the filter costs a
 * few hashes instead of a term lookup in every segment. Only the writer thread uses it.
 *
 * <p>Ids are never removed: a deleted document leaves a false "maybe", which costs one real lookup.
 * The filter grows by adding a larger one when the current one is full, so it stays near its
 * false-positive rate (about 1 %, 10 bits per id) however large the index grows.
 */
final class IdFilter {

  private static final int HASHES = 7;
  private static final int BITS_PER_ID = 10;

  private final List<long[]> filters = new ArrayList<>();
  private final List<Long> capacities = new ArrayList<>();
  private long inCurrent;

  IdFilter(long expectedIds) {
    grow(Math.max(1_024, expectedIds));
  }

  void add(String id) {
    int last = filters.size() - 1;
    if (inCurrent >= capacities.get(last)) {
      grow(capacities.get(last) * 2);
      last++;
    }
    long[] bits = filters.get(last);
    long h = hash(id);
    int h1 = (int) h;
    int h2 = (int) (h >>> 32);
    long size = (long) bits.length * 64;
    for (int i = 0; i < HASHES; i++) {
      long bit = Integer.toUnsignedLong(h1 + i * h2) % size;
      bits[(int) (bit >>> 6)] |= 1L << bit;
    }
    inCurrent++;
  }

  boolean mightContain(String id) {
    long h = hash(id);
    int h1 = (int) h;
    int h2 = (int) (h >>> 32);
    for (long[] bits : filters) {
      long size = (long) bits.length * 64;
      boolean all = true;
      for (int i = 0; i < HASHES && all; i++) {
        long bit = Integer.toUnsignedLong(h1 + i * h2) % size;
        all = (bits[(int) (bit >>> 6)] & (1L << bit)) != 0;
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private void grow(long capacity) {
    long words = Math.max(1, (capacity * BITS_PER_ID + 63) / 64);
    if (words > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("id filter too large: " + capacity + " ids");
    }
    filters.add(new long[(int) words]);
    capacities.add(capacity);
    inCurrent = 0;
  }

  /** 64-bit FNV-1a over the UTF-16 units, finished with a SplitMix64 mix to spread the bits. */
  private static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return h;
  }
}
