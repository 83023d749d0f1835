package org.ipfeed.indexer.query;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
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
import org.ipfeed.schema.entry.Limits;
import org.ipfeed.schema.entry.Tags;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;

/**
 * Reads the query language into {@link QueryNode}s; the grammar is in the package documentation.
 * Two passes over a short string: a scanner that cuts it into tokens (words, quoted phrases,
 * parentheses, the {@code -} sign, {@code OR} and {@code AND}), then a recursive descent over them.
 * Every refusal is a {@link QuerySyntaxException} at the column of the offending token.
 */
final class QueryParser {

  private enum Kind {
    WORD,
    PHRASE,
    OPEN,
    CLOSE,
    MINUS,
    OR,
    AND,
    END
  }

  private record Token(Kind kind, String text, int column) {}

  private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  /** BCP 47 as the schema accepts it, in either case: people type {@code lang:PT} too. */
  private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

  private final String query;
  private final List<Token> tokens = new ArrayList<>();
  private int next;
  private int terms;

  private QueryParser(String query) {
    this.query = query;
  }

  /** The whole query: the terms it requires, side by side. */
  static AllOf parse(String query) {
    QueryParser parser = new QueryParser(query);
    int length = query.codePointCount(0, query.length());
    if (length > QueryTranslator.MAX_LENGTH) {
      throw parser.error(
          QueryTranslator.MAX_LENGTH + 1,
          "a query has at most " + QueryTranslator.MAX_LENGTH + " characters");
    }
    parser.scan();
    AllOf root = parser.sequence(0, 1);
    Token last = parser.peek();
    if (last.kind() == Kind.CLOSE) {
      throw parser.error(last.column(), ") without a matching (");
    }
    if (root.nodes().isEmpty()) {
      throw parser.error(1, "empty query");
    }
    return root;
  }

  // ---- Scanner ----

  private void scan() {
    int i = 0;
    while (i < query.length()) {
      int c = query.codePointAt(i);
      if (isSpace(c)) {
        i += Character.charCount(c);
        continue;
      }
      int column = column(i);
      if (c == '(' || c == ')') {
        tokens.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf((char) c), column));
        i++;
      } else if (isQuote(c)) {
        int end = i + 1;
        while (end < query.length() && !isQuote(query.charAt(end))) {
          end++;
        }
        if (end == query.length()) {
          throw error(column, "unclosed quote");
        }
        tokens.add(new Token(Kind.PHRASE, query.substring(i + 1, end), column));
        i = end + 1;
      } else if (c == '-') {
        if (i + 1 == query.length() || isSpace(query.codePointAt(i + 1))) {
          throw error(column, "- needs a term right after it, like -spam");
        }
        tokens.add(new Token(Kind.MINUS, "-", column));
        i++;
      } else {
        int start = i;
        while (i < query.length() && !isDelimiter(query.codePointAt(i))) {
          i += Character.charCount(query.codePointAt(i));
        }
        tokens.add(word(query.substring(start, i), column));
      }
    }
    tokens.add(new Token(Kind.END, "", column(query.length())));
  }

  private Token word(String text, int column) {
    switch (text) {
      case "OR":
        return new Token(Kind.OR, text, column);
      case "AND":
        return new Token(Kind.AND, text, column);
      case "NOT":
        throw error(column, "NOT is not an operator: write -word to leave a word out");
      default:
        return new Token(Kind.WORD, text, column);
    }
  }

  // ---- Grammar ----

  /** Terms side by side, up to the end or a closing parenthesis: they must all match. */
  private AllOf sequence(int depth, int column) {
    List<QueryNode> nodes = new ArrayList<>();
    while (true) {
      Token token = peek();
      if (token.kind() == Kind.END || token.kind() == Kind.CLOSE) {
        return new AllOf(nodes, column);
      }
      if (token.kind() == Kind.AND) {
        if (nodes.isEmpty() || !startsTerm(peek(1))) {
          throw error(token.column(), "AND needs a term on each side");
        }
        next++;
        continue;
      }
      if (token.kind() == Kind.OR) {
        throw error(token.column(), "OR needs a term on each side");
      }
      nodes.add(alternatives(depth));
    }
  }

  /** A term, or terms joined by OR: OR binds tighter than the space between terms. */
  private QueryNode alternatives(int depth) {
    QueryNode first = unary(depth);
    if (peek().kind() != Kind.OR) {
      return first;
    }
    List<QueryNode> nodes = new ArrayList<>(List.of(first));
    while (peek().kind() == Kind.OR) {
      Token or = take();
      if (!startsTerm(peek())) {
        throw error(or.column(), "OR needs a term on each side");
      }
      nodes.add(unary(depth));
    }
    for (QueryNode node : nodes) {
      if (node instanceof Not) {
        throw error(
            node.column(), "an exclusion cannot be a side of OR; exclude a group: -(a OR b)");
      }
    }
    return new AnyOf(nodes, first.column());
  }

  private QueryNode unary(int depth) {
    Token token = peek();
    if (token.kind() != Kind.MINUS) {
      return atom(depth);
    }
    take();
    Token excluded = peek();
    if (excluded.kind() == Kind.MINUS) {
      throw error(excluded.column(), "a term can be excluded only once");
    }
    if (!startsTerm(excluded)) {
      throw error(token.column(), "- needs a term right after it, like -spam");
    }
    return new Not(atom(depth), token.column());
  }

  private QueryNode atom(int depth) {
    Token token = take();
    switch (token.kind()) {
      case WORD:
        countTerm(token);
        return operatorOrWord(token);
      case PHRASE:
        countTerm(token);
        if (token.text().isBlank()) {
          throw error(token.column(), "nothing between the quotes");
        }
        return new Phrase(token.text(), token.column());
      case OPEN:
        if (depth == QueryTranslator.MAX_DEPTH) {
          throw error(
              token.column(),
              "parentheses nest at most " + QueryTranslator.MAX_DEPTH + " levels deep");
        }
        AllOf group = sequence(depth + 1, token.column());
        if (peek().kind() != Kind.CLOSE) {
          throw error(token.column(), "( is never closed");
        }
        take();
        if (group.nodes().isEmpty()) {
          throw error(token.column(), "nothing between ( and )");
        }
        return group;
      default:
        throw new IllegalStateException("not the start of a term: " + token);
    }
  }

  private void countTerm(Token token) {
    if (++terms > QueryTranslator.MAX_TERMS) {
      throw error(token.column(), "a query has at most " + QueryTranslator.MAX_TERMS + " terms");
    }
  }

  // ---- Operators ----

  private QueryNode operatorOrWord(Token token) {
    String text = token.text();
    int column = token.column();
    if (text.startsWith("#")) {
      return new Tag(tag(text.substring(1), column + 1), column);
    }
    if (text.startsWith("@")) {
      String value = text.substring(1);
      if (!value.startsWith("did:")) {
        throw error(
            column + 1,
            "@ needs a DID right after it, like @did:key:z6Mk… (there are no user names)");
      }
      return new Mention(did(value, column + 1), column);
    }
    int colon = text.indexOf(':');
    if (colon < 1) {
      return new Word(text, column);
    }
    String name = text.substring(0, colon).toLowerCase(Locale.ROOT);
    String value = text.substring(colon + 1);
    int valueColumn = column + text.codePointCount(0, colon + 1);
    switch (name) {
      case "from":
        requireValue(
            value, valueColumn, "from: needs a DID right after it, like from:did:key:z6Mk…");
        return new Author(did(value, valueColumn), column);
      case "in":
        requireValue(value, valueColumn, "in: needs a community's CID right after it");
        return new Community(charter(value, valueColumn), column);
      case "since":
        return new Since(day(name, value, valueColumn), column);
      case "until":
        return new Until(day(name, value, valueColumn), column);
      case "lang":
        if (value.length() > Limits.MAX_LANG_TAG || !LANG.matcher(value).matches()) {
          throw error(valueColumn, "lang: needs a language tag like pt or pt-BR");
        }
        return new Lang(value.toLowerCase(Locale.ROOT), column);
      default:
        // URLs, times, "re:" and the like are words.
        return new Word(text, column);
    }
  }

  private void requireValue(String value, int column, String problem) {
    if (value.isEmpty()) {
      throw error(column, problem);
    }
  }

  /** Tags are stored lower case and composed, so the query's tag is made so too. */
  private String tag(String raw, int column) {
    if (raw.isEmpty()) {
      throw error(column, "# needs a tag right after it, like #lucene");
    }
    for (int i = 0; i < raw.length(); ) {
      int c = raw.codePointAt(i);
      if (!Character.isLetterOrDigit(c) && c != '_' && !isMark(c)) {
        throw error(
            column + raw.codePointCount(0, i), "a tag has only letters, digits and _ in it");
      }
      i += Character.charCount(c);
    }
    String tag = Normalizer.normalize(raw, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    if (tag.codePointCount(0, tag.length()) > Limits.MAX_TAG) {
      throw error(column, "a tag has at most " + Limits.MAX_TAG + " characters");
    }
    if (!Tags.isValid(tag)) {
      throw error(column, "a tag has only letters, digits and _ in it");
    }
    return tag;
  }

  private Did did(String value, int column) {
    try {
      return Did.parse(value);
    } catch (BadInputException e) {
      throw error(column, e.getMessage(), e);
    }
  }

  private Cid charter(String value, int column) {
    Cid cid;
    try {
      cid = Cid.parse(value);
    } catch (BadInputException e) {
      throw error(column, e.getMessage(), e);
    }
    if (!cid.codec().equals(Multicodec.DAG_CBOR)) {
      throw error(column, "in: needs a community's CID, which is dag-cbor (bafyrei…)");
    }
    return cid;
  }

  private LocalDate day(String name, String value, int column) {
    if (!DAY.matcher(value).matches()) {
      throw error(column, name + ": needs a date like 2024-05-01");
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw error(column, name + ": " + value + " is not a day of the calendar", e);
    }
  }

  // ---- Helpers ----

  private Token peek() {
    return tokens.get(next);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(next + ahead, tokens.size() - 1));
  }

  private Token take() {
    return tokens.get(next++);
  }

  private static boolean startsTerm(Token token) {
    return token.kind() == Kind.WORD
        || token.kind() == Kind.PHRASE
        || token.kind() == Kind.OPEN
        || token.kind() == Kind.MINUS;
  }

  /** Unicode spaces too: the ideographic space of Japanese input, no-break spaces. */
  private static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /** Straight quotes, and the curly ones phones type instead. */
  private static boolean isQuote(int c) {
    return c == '"' || c == '\u201c' || c == '\u201d' || c == '\u201e';
  }

  private static boolean isDelimiter(int c) {
    return isSpace(c) || isQuote(c) || c == '(' || c == ')';
  }

  /** Combining marks, which a decomposed tag carries and NFC folds into its letters. */
  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private int column(int charIndex) {
    return query.codePointCount(0, charIndex) + 1;
  }

  private QuerySyntaxException error(int column, String problem) {
    return new QuerySyntaxException(query, column, problem);
  }

  private QuerySyntaxException error(int column, String problem, Throwable cause) {
    return new QuerySyntaxException(query, column, problem, cause);
  }
}
