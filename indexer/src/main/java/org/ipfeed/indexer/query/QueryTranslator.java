package org.ipfeed.indexer.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.ipfeed.indexer.IndexFields;
import org.ipfeed.indexer.query.QueryNode.AllOf;
import org.ipfeed.indexer.query.QueryNode.AnyOf;
import org.ipfeed.indexer.query.QueryNode.Author;
import org.ipfeed.indexer.query.QueryNode.Community;
import org.ipfeed.indexer.query.QueryNode.Lang;
import org.ipfeed.indexer.query.QueryNode.Mention;
import org.ipfeed.indexer.query.QueryNode.Not;
import org.ipfeed.indexer.query.QueryNode.Phrase;
import org.ipfeed.indexer.query.QueryNode.Since;
import org.ipfeed.indexer.query.QueryNode.Tag;
import org.ipfeed.indexer.query.QueryNode.Until;
import org.ipfeed.indexer.query.QueryNode.Word;

/**
 * Translates what a person types into a search box into a Lucene query over the post fields of
 * {@link IndexFields}. The language is in the package documentation.
 *
 * <p>A pure function: the same query, zone and analyzer give an equal {@link Query} every time; no
 * clock (which is why there is no {@code since:yesterday}), no index. The result matches posts only
 * by what the person asked; the caller adds what the reader must not see (blocked, muted, deleted,
 * hidden) as filters.
 *
 * <p>Words and phrases score (BM25); operators only filter, so {@code #tag} or {@code from:} never
 * reorders results. A query of operators alone scores every hit the same: sort it by time.
 *
 * <p>Thread-safe.
 */
public final class QueryTranslator {

  /** Longest query, in code points. */
  public static final int MAX_LENGTH = 512;

  /** Most words, phrases and operators in one query; parentheses and OR do not count. */
  public static final int MAX_TERMS = 32;

  /** Deepest nesting of parentheses. */
  public static final int MAX_DEPTH = 8;

  private final Analyzer analyzer;

  /**
   * @param analyzer the analyzer that indexes {@link IndexFields#TEXT} (a {@link PostAnalyzer}), so
   *     that words are cut and folded as the text was
   */
  public QueryTranslator(Analyzer analyzer) {
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
  }

  /**
   * The Lucene query for {@code userQuery}.
   *
   * @param zone the searcher's time zone: {@code since:} and {@code until:} name days there
   * @throws QuerySyntaxException with the column of the problem when the query is malformed, names
   *     an invalid DID, CID, tag, language or date, is over a limit, or has nothing to match
   */
  public Query translate(String userQuery, ZoneId zone) {
    Objects.requireNonNull(userQuery, "userQuery");
    Objects.requireNonNull(zone, "zone");
    AllOf root = QueryParser.parse(userQuery);
    return new Translation(userQuery, zone).all(root, true).query();
  }

  /** A translated node, and whether it ranks (contains a word or phrase) or only filters. */
  private record Clause(Query query, boolean scores) {}

  /** One translation: the query text, for errors, and the zone. */
  private final class Translation {

    private final String query;
    private final ZoneId zone;

    Translation(String query, ZoneId zone) {
      this.query = query;
      this.zone = zone;
    }

    /**
     * The conjunction of a group, or null when every term in it had nothing searchable (a group
     * inside OR or under an exclusion may vanish; the whole query may not).
     */
    Clause all(AllOf group, boolean whole) {
      List<QueryNode> nodes = new ArrayList<>();
      flatten(group, nodes);
      BooleanQuery.Builder builder = new BooleanQuery.Builder();
      int required = 0;
      boolean scores = false;
      QueryNode empty = null;
      QueryNode excluded = null;
      Since since = null;
      Until until = null;
      for (QueryNode node : nodes) {
        if (node instanceof Since s) {
          since = since == null || s.day().isAfter(since.day()) ? s : since;
        } else if (node instanceof Until u) {
          until = until == null || u.day().isBefore(until.day()) ? u : until;
        } else if (node instanceof Not not) {
          excluded = excluded == null ? not : excluded;
          Clause clause = clause(not.node());
          if (clause != null) {
            builder.add(clause.query(), Occur.MUST_NOT);
          }
        } else {
          Clause clause = clause(node);
          if (clause == null) {
            empty = empty == null ? node : empty;
            continue;
          }
          builder.add(clause.query(), clause.scores() ? Occur.MUST : Occur.FILTER);
          scores |= clause.scores();
          required++;
        }
      }
      if (since != null || until != null) {
        if (since != null && until != null && until.day().isBefore(since.day())) {
          throw error(
              until.column(),
              "until:" + until.day() + " is before since:" + since.day() + ", nothing is between");
        }
        // Both days are merged into one range: one pass over the points instead of two.
        builder.add(
            LongField.newRangeQuery(
                IndexFields.CREATED_AT,
                since == null ? Long.MIN_VALUE : firstMilli(since.day()),
                until == null ? Long.MAX_VALUE : lastMilli(until.day())),
            Occur.FILTER);
        required++;
      }
      if (required == 0) {
        if (empty != null && (whole || excluded != null)) {
          throw error(
              empty.column(),
              "nothing to search for here: punctuation and symbols are not indexed");
        }
        if (empty != null) {
          return null;
        }
        throw error(excluded.column(), "only exclusions: add a word or an operator to search for");
      }
      BooleanQuery conjunction = builder.build();
      List<BooleanClause> clauses = conjunction.clauses();
      if (clauses.size() == 1 && clauses.get(0).getOccur() == Occur.MUST) {
        return new Clause(clauses.get(0).getQuery(), true);
      }
      return new Clause(conjunction, scores);
    }

    /** Groups side by side with other terms are just more terms: (a b) c is a b c. */
    private void flatten(AllOf group, List<QueryNode> into) {
      for (QueryNode node : group.nodes()) {
        if (node instanceof AllOf inner) {
          flatten(inner, into);
        } else {
          into.add(node);
        }
      }
    }

    /** Null when the node has nothing searchable in it. */
    private Clause clause(QueryNode node) {
      if (node instanceof Word word) {
        return text(word.text());
      } else if (node instanceof Phrase phrase) {
        return text(phrase.text());
      } else if (node instanceof Tag tag) {
        return exact(IndexFields.TAG, tag.tag());
      } else if (node instanceof Author author) {
        return exact(IndexFields.AUTHOR, author.did().toString());
      } else if (node instanceof Mention mention) {
        return exact(IndexFields.MENTION, mention.did().toString());
      } else if (node instanceof Community community) {
        return exact(IndexFields.COMMUNITY, community.charter().toString());
      } else if (node instanceof Lang lang) {
        // The index holds both pt-br and pt for a post in pt-BR, so one term serves both.
        return exact(IndexFields.LANG, lang.lang());
      } else if (node instanceof Since since) {
        return filter(
            LongField.newRangeQuery(
                IndexFields.CREATED_AT, firstMilli(since.day()), Long.MAX_VALUE));
      } else if (node instanceof Until until) {
        return filter(
            LongField.newRangeQuery(
                IndexFields.CREATED_AT, Long.MIN_VALUE, lastMilli(until.day())));
      } else if (node instanceof AnyOf any) {
        return any(any);
      } else if (node instanceof AllOf group) {
        return all(group, false);
      } else if (node instanceof Not) {
        throw new IllegalStateException("an exclusion outside a conjunction: " + node);
      }
      throw new IllegalStateException("unknown node " + node);
    }

    private Clause any(AnyOf any) {
      List<Clause> clauses = new ArrayList<>();
      boolean scores = false;
      for (QueryNode node : any.nodes()) {
        Clause clause = clause(node);
        if (clause != null) {
          clauses.add(clause);
          scores |= clause.scores();
        }
      }
      if (clauses.size() <= 1) {
        return clauses.isEmpty() ? null : clauses.get(0);
      }
      BooleanQuery.Builder builder = new BooleanQuery.Builder();
      for (Clause clause : clauses) {
        // Next to words, an operator's match counts as a match but does not outrank them.
        Query query =
            scores && !clause.scores() ? new ConstantScoreQuery(clause.query()) : clause.query();
        builder.add(query, Occur.SHOULD);
      }
      return new Clause(builder.build(), scores);
    }

    /**
     * A word or a phrase, cut as the text was. Several tokens make a phrase query, at the positions
     * the analyzer gave them: a CJK word is found by its bigrams (the single characters of the
     * index are for one-character words), and a gap stays where a bigram spanned two positions.
     */
    private Clause text(String text) {
      List<Token> tokens = analyze(text);
      Set<Integer> bigrammed = new HashSet<>();
      for (Token token : tokens) {
        if (token.type().equals(CJKBigramFilter.DOUBLE_TYPE)) {
          bigrammed.add(token.position());
          bigrammed.add(token.position() + 1);
        }
      }
      List<Token> kept = new ArrayList<>();
      for (Token token : tokens) {
        if (!token.type().equals(CJKBigramFilter.SINGLE_TYPE)
            || !bigrammed.contains(token.position())) {
          kept.add(token);
        }
      }
      if (kept.isEmpty()) {
        return null;
      }
      if (kept.size() == 1) {
        return new Clause(new TermQuery(new Term(IndexFields.TEXT, kept.get(0).term())), true);
      }
      PhraseQuery.Builder phrase = new PhraseQuery.Builder();
      int first = kept.get(0).position();
      for (Token token : kept) {
        phrase.add(new Term(IndexFields.TEXT, token.term()), token.position() - first);
      }
      return new Clause(phrase.build(), true);
    }

    private List<Token> analyze(String text) {
      List<Token> tokens = new ArrayList<>();
      try (TokenStream stream = analyzer.tokenStream(IndexFields.TEXT, text)) {
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        PositionIncrementAttribute increment =
            stream.addAttribute(PositionIncrementAttribute.class);
        TypeAttribute type = stream.addAttribute(TypeAttribute.class);
        int position = -1;
        stream.reset();
        while (stream.incrementToken()) {
          position += increment.getPositionIncrement();
          tokens.add(new Token(term.toString(), type.type(), position));
        }
        stream.end();
      } catch (IOException e) {
        // Analysis reads a String: no I/O can fail.
        throw new UncheckedIOException(e);
      }
      return tokens;
    }

    private Clause exact(String field, String value) {
      return filter(new TermQuery(new Term(field, value)));
    }

    private Clause filter(Query query) {
      return new Clause(query, false);
    }

    private long firstMilli(LocalDate day) {
      return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The last millisecond of the day: the next day's first one minus one (days may be 23h). */
    private long lastMilli(LocalDate day) {
      return firstMilli(day.plusDays(1)) - 1;
    }

    private QuerySyntaxException error(int column, String problem) {
      return new QuerySyntaxException(query, column, problem);
    }
  }

  private record Token(String term, String type, int position) {}
}
