package org.ipfeed.indexer;

import org.ipfeed.schema.multiformats.Cid;

/**
 * The last key of every list order, which makes cursors total: a post id as two numbers, the first
 * 16 bytes of its multihash digest.
 *
 * <p>Numbers, not the id's text, because a sort on a string field is what a page paid most for:
 * each time the worst hit kept changed, Lucene looked the string up in every segment's compressed
 * terms dictionary (about half the CPU of a home timeline page at 1,000,000 posts). Two numeric
 * comparisons cost next to nothing. 128 bits of SHA-256 make a tie between two posts with the same
 * {@code createdAt} infeasible to arrange, and a tie could only merge two posts at one page
 * boundary, never reorder anything.
 *
 * <p>The sign bit of each half is flipped so that comparing the two longs as signed numbers orders
 * ids as their digest bytes compare unsigned: an order a client can reproduce from the CIDs alone.
 * A digest shorter than 16 bytes is padded with zeros.
 */
final class IdOrder {

  private IdOrder() {}

  /** The high half of the key: digest bytes 0 to 7. */
  static long high(Cid id) {
    return half(id.multihash().digest(), 0);
  }

  /** The low half of the key: digest bytes 8 to 15. */
  static long low(Cid id) {
    return half(id.multihash().digest(), 8);
  }

  private static long half(byte[] digest, int from) {
    long v = 0;
    for (int i = from; i < from + 8; i++) {
      v = (v << 8) | (i < digest.length ? digest[i] & 0xff : 0);
    }
    return v ^ Long.MIN_VALUE;
  }
}
