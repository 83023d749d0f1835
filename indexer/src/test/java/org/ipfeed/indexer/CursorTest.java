package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;
import org.ipfeed.schema.error.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

  static final String ID = "bafyreic5kc5khugg4vysdbyqglxcu7mfrfanek3ciw7y3whdq2eqk2n64y";

  @Test
  void aNewestFirstCursorCarriesTimeAndId() {
    String c = Cursor.newest(1_777_636_800_123L, ID);
    assertThat(c).matches("[A-Za-z0-9_-]+");
    FieldDoc after = Cursor.decodeNewest(c);
    assertThat(after.fields).containsExactly(1_777_636_800_123L, new BytesRef(ID));
    assertThat(after.doc).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void aRelevanceCursorCarriesScoreTimeAndId() {
    FieldDoc after = Cursor.decodeRelevance(Cursor.relevance(3.25f, -5L, ID));
    assertThat(after.fields).containsExactly(3.25f, -5L, new BytesRef(ID));
    assertThat(after.score).isEqualTo(3.25f);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "***", "bg", "bgAAAAAAAAAA", "cQ", "bgAAAAAAAAAAbm90LWEtY2lk"})
  void malformedCursorsAreBadInput(String cursor) {
    assertThatThrownBy(() -> Cursor.decodeNewest(cursor))
        .isInstanceOfSatisfying(
            BadInputException.class, e -> assertThat(e.reason()).isEqualTo("invalid-cursor"))
        .hasMessageStartingWith("invalid page cursor")
        .hasMessageContaining("pass back the cursor of the previous page unchanged");
  }

  @Test
  void aCursorOfOneOrderDoesNotContinueTheOther() {
    assertThatThrownBy(() -> Cursor.decodeRelevance(Cursor.newest(1, ID)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("continues a newest-first listing, not a relevance one");
    assertThatThrownBy(() -> Cursor.decodeNewest(Cursor.relevance(1f, 1, ID)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("continues a relevance listing");
  }

  @Test
  void aNotANumberScoreAndOverlongCursorsAreRefused() {
    byte[] nan = Base64.getUrlDecoder().decode(Cursor.relevance(1f, 1, ID));
    nan[1] = 0x7f;
    nan[2] = (byte) 0xc0;
    assertThatThrownBy(
            () ->
                Cursor.decodeRelevance(Base64.getUrlEncoder().withoutPadding().encodeToString(nan)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> Cursor.decodeNewest("A".repeat(300)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("longer than");
  }
}
