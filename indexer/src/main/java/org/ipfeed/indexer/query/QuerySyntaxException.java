package org.ipfeed.indexer.query;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import org.ipfeed.schema.error.BadInputException;

/**
 * A search query that cannot be translated, with the column of the problem. The message is three
 * lines, for a person: the problem and its column, the query, and a caret under the column:
 *
 * <pre>
 * unclosed quote at column 9
 * cats OR "big dogs
 *         ^
 * </pre>
 *
 * <p>Columns count Unicode code points from 1. The reason is always {@code invalid-query}; {@link
 * #problem()} and {@link #column()} give the parts separately, for a client that draws its own
 * marker.
 */
public final class QuerySyntaxException extends BadInputException {

  private static final long serialVersionUID = 1L;

  /** How much of a long query the message shows on each side of the column. */
  private static final int CONTEXT = 40;

  private final String problem;
  private final int column;

  QuerySyntaxException(String query, int column, String problem) {
    this(query, column, problem, null);
  }

  QuerySyntaxException(String query, int column, String problem, Throwable cause) {
    super("invalid-query", message(query, column, problem), cause);
    this.problem = problem;
    this.column = column;
  }

  /** What is wrong, without the column: {@code unclosed quote}. */
  public String problem() {
    return problem;
  }

  /** Where, in code points from 1; one past the end when something is missing at the end. */
  public int column() {
    return column;
  }

  private static String message(String query, int column, String problem) {
    int[] codePoints = query.codePoints().toArray();
    int at = Math.min(column - 1, codePoints.length);
    int from = Math.max(0, at - CONTEXT);
    int to = Math.min(codePoints.length, at + CONTEXT);
    StringBuilder echo = new StringBuilder(from > 0 ? "…" : "");
    StringBuilder caret = new StringBuilder(from > 0 ? " " : "");
    for (int i = from; i < to; i++) {
      int c = codePoints[i];
      // Tabs, newlines and other invisible characters would break the alignment of the caret.
      echo.appendCodePoint(Character.isWhitespace(c) || Character.isISOControl(c) ? ' ' : c);
      if (i < at) {
        caret.append(isWide(c) ? "  " : " ");
      }
    }
    if (to < codePoints.length) {
      echo.append('…');
    }
    return problem + " at column " + column + "\n" + echo + "\n" + caret + "^";
  }

  /** Characters a monospace display draws two columns wide (CJK, full-width forms). */
  private static boolean isWide(int c) {
    int width = UCharacter.getIntPropertyValue(c, UProperty.EAST_ASIAN_WIDTH);
    return width == UCharacter.EastAsianWidth.WIDE || width == UCharacter.EastAsianWidth.FULLWIDTH;
  }
}
