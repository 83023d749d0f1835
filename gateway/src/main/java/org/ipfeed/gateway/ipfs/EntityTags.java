package org.ipfeed.gateway.ipfs;

/** {@code If-None-Match} against the tag a response would carry (RFC 9110 §13.1.2, weak match). */
final class EntityTags {

  private EntityTags() {}

  static boolean noneMatchHits(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String mine = opaque(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.strip();
      if (c.equals("*") || opaque(c).equals(mine)) {
        return true;
      }
    }
    return false;
  }

  /** The tag without its weakness marker: {@code If-None-Match} compares weakly. */
  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
