package org.ipfeed.gateway.stream;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.entry.Tags;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * Which entries a subscriber wants: any of the given authors (none given: every author), and, when
 * tags or a community are asked for, only posts that carry one of those tags or are in that
 * community.
 */
public record StreamFilter(Set<Did> authors, Set<String> tags, Optional<Cid> community) {

  public StreamFilter {
    authors = Set.copyOf(authors);
    tags = Set.copyOf(tags);
  }

  public static final StreamFilter EVERYTHING =
      new StreamFilter(Set.of(), Set.of(), Optional.empty());

  /**
   * The filter a query string asks for: repeatable {@code author} and {@code tag}, one {@code
   * community}; a malformed value is a {@link BadInputException} naming the parameter.
   */
  public static StreamFilter parse(
      List<String> authors, List<String> tags, List<String> community) {
    if (community.size() > 1) {
      throw new BadInputException(
          "invalid-community", "community may be given once, not " + community.size() + " times");
    }
    return new StreamFilter(
        authors.stream().map(StreamFilter::did).collect(java.util.stream.Collectors.toSet()),
        tags.stream().map(StreamFilter::tag).collect(java.util.stream.Collectors.toSet()),
        community.stream().findFirst().map(StreamFilter::cid));
  }

  public boolean matches(SignedEntry signed) {
    if (!authors.isEmpty() && !authors.contains(signed.entry().author())) {
      return false;
    }
    if (tags.isEmpty() && community.isEmpty()) {
      return true;
    }
    if (!(signed.entry() instanceof Post post)) {
      return false;
    }
    if (community.isPresent() && !community.equals(post.community())) {
      return false;
    }
    return tags.isEmpty() || post.tags().stream().anyMatch(tags::contains);
  }

  private static Did did(String text) {
    try {
      return Did.parse(text);
    } catch (RuntimeException e) {
      throw new BadInputException("invalid-did", "author: '" + text + "' is not a did:key DID");
    }
  }

  private static String tag(String text) {
    String bare = (text.startsWith("#") ? text.substring(1) : text).toLowerCase(Locale.ROOT);
    if (!Tags.isValid(bare)) {
      throw new BadInputException(
          "invalid-tag", "tag: '" + text + "' is not a hashtag (letters, digits and _)");
    }
    return bare;
  }

  private static Cid cid(String text) {
    try {
      return Cid.parse(text);
    } catch (RuntimeException e) {
      throw new BadInputException("invalid-cid", "community: '" + text + "' is not a CID");
    }
  }
}
