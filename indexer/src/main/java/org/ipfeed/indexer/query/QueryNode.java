package org.ipfeed.indexer.query;

import java.time.LocalDate;
import java.util.List;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * A parsed query, before it meets the analyzer and the index: what {@link QueryParser} reads and
 * {@link QueryTranslator} turns into Lucene. Operator values are already checked and canonical
 * (parsed DIDs and CIDs, lower-case tags and language tags, calendar days). Every node keeps the
 * column where it starts, for errors found while translating.
 */
sealed interface QueryNode {

  int column();

  /** A word to find in the text; it may analyse to several tokens ({@code e-mail}, 東京). */
  record Word(String text, int column) implements QueryNode {}

  /** Words to find next to each other, in this order. */
  record Phrase(String text, int column) implements QueryNode {}

  /** {@code #tag}: a hashtag of the post, lower case, without the sign. */
  record Tag(String tag, int column) implements QueryNode {}

  /** {@code from:did}: posts by this author. */
  record Author(Did did, int column) implements QueryNode {}

  /** {@code @did}: posts that mention this author. */
  record Mention(Did did, int column) implements QueryNode {}

  /** {@code in:cid}: posts in the community of this charter. */
  record Community(Cid charter, int column) implements QueryNode {}

  /** {@code since:day}: posts written on this day or later, in the searcher's time zone. */
  record Since(LocalDate day, int column) implements QueryNode {}

  /** {@code until:day}: posts written on this day or earlier, in the searcher's time zone. */
  record Until(LocalDate day, int column) implements QueryNode {}

  /** {@code lang:pt}: posts tagged with this language, lower case. */
  record Lang(String lang, int column) implements QueryNode {}

  /** {@code -term}: posts that do not match the term. */
  record Not(QueryNode node, int column) implements QueryNode {}

  /** {@code a OR b}: posts that match any of the nodes (never a {@link Not}). */
  record AnyOf(List<QueryNode> nodes, int column) implements QueryNode {
    public AnyOf {
      nodes = List.copyOf(nodes);
    }
  }

  /** Terms side by side, the whole query or a group in parentheses: posts that match all. */
  record AllOf(List<QueryNode> nodes, int column) implements QueryNode {
    public AllOf {
      nodes = List.copyOf(nodes);
    }
  }
}
