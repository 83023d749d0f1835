package org.ipfeed.indexer.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.ipfeed.schema.error.BadInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The query language against query-fixtures.tsv (query, zone, and the expected {@code
 * Query.toString()} or {@code ! column problem}), and what a table cannot show well.
 */
class QueryTranslatorTest {

  private static final Analyzer ANALYZER = new PostAnalyzer();
  private static final QueryTranslator TRANSLATOR = new QueryTranslator(ANALYZER);

  @AfterAll
  static void close() {
    ANALYZER.close();
  }

  static Stream<Arguments> fixtures() {
    return FixtureTable.read("query-fixtures.tsv", 3).stream()
        .map(row -> Arguments.of(row.line(), row.cell(0), ZoneId.of(row.cell(1)), row.cell(2)));
  }

  @ParameterizedTest(name = "line {0}: {1}")
  @MethodSource("fixtures")
  void translates(int line, String query, ZoneId zone, String expected) {
    if (expected.startsWith("! ")) {
      String[] parts = expected.split(" ", 3);
      QuerySyntaxException e =
          catchThrowableOfType(QuerySyntaxException.class, () -> TRANSLATOR.translate(query, zone));
      assertThat(e).as("an error for %s", query).isNotNull();
      assertThat(e.column() + " " + e.problem()).isEqualTo(parts[1] + " " + parts[2]);
      assertThat(e.reason()).isEqualTo("invalid-query");
    } else {
      assertThat(TRANSLATOR.translate(query, zone).toString()).isEqualTo(expected);
    }
  }

  @Test
  void sameInputGivesAnEqualQuery() {
    String query = "\"big cats\" OR 東京 -zoo #wildlife lang:en since:2024-01-01";
    assertThat(TRANSLATOR.translate(query, ZoneOffset.UTC))
        .isEqualTo(TRANSLATOR.translate(query, ZoneOffset.UTC))
        .hasSameHashCodeAs(TRANSLATOR.translate(query, ZoneOffset.UTC));
  }

  @Test
  void messageShowsTheQueryAndACaretUnderTheColumn() {
    QuerySyntaxException e = syntaxError("cats OR \"big dogs");

    assertThat(e)
        .isInstanceOf(BadInputException.class)
        .hasMessage("unclosed quote at column 9\ncats OR \"big dogs\n        ^");
  }

  @Test
  void caretCountsWideCharactersTwiceAndBlanksTabs() {
    assertThat(syntaxError("東京\t\"タワー").getMessage())
        .isEqualTo("unclosed quote at column 4\n東京 \"タワー\n     ^");
  }

  @Test
  void caretOfAnErrorAtTheEndIsPastTheLastCharacter() {
    assertThat(syntaxError("cats OR").getMessage())
        .isEqualTo("OR needs a term on each side at column 6\ncats OR\n     ^");
    assertThat(syntaxError("from:").getMessage())
        .startsWith("from: needs a DID right after it")
        .endsWith("\nfrom:\n     ^");
  }

  @Test
  void longQueriesAreShownAroundTheColumn() {
    String query = "a ".repeat(100) + "\"b";
    String[] lines = syntaxError(query).getMessage().split("\n");

    assertThat(lines[0]).isEqualTo("unclosed quote at column 201");
    assertThat(lines[1]).startsWith("…").endsWith("a \"b").hasSize(1 + 40 + 2);
    assertThat(lines[2].indexOf('^')).isEqualTo(lines[1].indexOf('"'));
  }

  @Test
  void refusesQueriesOverTheLengthLimit() {
    String longest = "a".repeat(QueryTranslator.MAX_LENGTH);
    assertThat(TRANSLATOR.translate(longest, ZoneOffset.UTC).toString())
        .isEqualTo("text:" + longest);

    QuerySyntaxException e = syntaxError(longest + "a");
    assertThat(e.column()).isEqualTo(QueryTranslator.MAX_LENGTH + 1);
    assertThat(e.problem()).isEqualTo("a query has at most 512 characters");
  }

  @Test
  void lengthCountsCodePointsNotUtf16Units() {
    String emoji = "🎉".repeat(QueryTranslator.MAX_LENGTH);
    assertThat(emoji.length()).isEqualTo(2 * QueryTranslator.MAX_LENGTH);

    assertThat(TRANSLATOR.translate(emoji, ZoneOffset.UTC)).isNotNull();
  }

  @Test
  void keepsTheCauseOfAnInvalidDid() {
    QuerySyntaxException e = syntaxError("from:did:key:z6Mk0");

    assertThat(e.getCause()).isInstanceOf(BadInputException.class);
    assertThat(((BadInputException) e.getCause()).reason()).isEqualTo("invalid-did");
  }

  @Test
  void nullsAreProgrammingErrors() {
    assertThatThrownBy(() -> TRANSLATOR.translate(null, ZoneOffset.UTC))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> TRANSLATOR.translate("cats", null))
        .isInstanceOf(NullPointerException.class);
  }

  private static QuerySyntaxException syntaxError(String query) {
    QuerySyntaxException e =
        catchThrowableOfType(
            QuerySyntaxException.class, () -> TRANSLATOR.translate(query, ZoneOffset.UTC));
    assertThat(e).as("an error for %s", query).isNotNull();
    return e;
  }
}
