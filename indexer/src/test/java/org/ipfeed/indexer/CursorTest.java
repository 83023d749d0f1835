package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.lucene.search.FieldDoc;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.multiformats.Cid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

  static final Cid ID = Cid.parse("bafyreic5kc5khugg4vysdbyqglxcu7mfrfanek3ciw7y3whdq2eqk2n64y");

  static String newest(long createdAt) {
    return Cursor.newest(new Object[] {createdAt, IdOrder.high(ID), IdOrder.low(ID)});
  }

  static String relevance(float score, long createdAt) {
    return Cursor.relevance(new Object[] {score, createdAt, IdOrder.high(ID), IdOrder.low(ID)});
  }

  @Test
  void aNewestFirstCursorCarriesTimeAndId() {
    String c = newest(1_777_636_800_123L);
    assertThat(c).matches("[A-Za-z0-9_-]+");
    FieldDoc after = Cursor.decodeNewest(c);
    assertThat(after.fields).containsExactly(1_777_636_800_123L, IdOrder.high(ID), IdOrder.low(ID));
    assertThat(after.doc).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void aRelevanceCursorCarriesScoreTimeAndId() {
    FieldDoc after = Cursor.decodeRelevance(relevance(3.25f, -5L));
    assertThat(after.fields).containsExactly(3.25f, -5L, IdOrder.high(ID), IdOrder.low(ID));
    assertThat(after.score).isEqualTo(3.25f);
  }

  @Test
  void theIdKeyOrdersIdsAsTheirDigestBytesCompareUnsigned() {
    // Half the digests start with a byte above 0x7f, which a plain signed long would put first.
    List<Cid> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ids.add(Cid.dagCbor(new byte[] {(byte) 0x18, (byte) i}));
    }
    for (Cid a : ids) {
      for (Cid b : ids) {
        int byKey = Long.compare(IdOrder.high(a), IdOrder.high(b));
        if (byKey == 0) {
          byKey = Long.compare(IdOrder.low(a), IdOrder.low(b));
        }
        int byBytes =
            Arrays.compareUnsigned(a.multihash().digest(), 0, 16, b.multihash().digest(), 0, 16);
        assertThat(Integer.signum(byKey)).as("%s vs %s", a, b).isEqualTo(Integer.signum(byBytes));
      }
    }
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
    assertThatThrownBy(() -> Cursor.decodeRelevance(newest(1)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("continues a newest-first listing, not a relevance one");
    assertThatThrownBy(() -> Cursor.decodeNewest(relevance(1f, 1)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("continues a relevance listing");
  }

  @Test
  void aNotANumberScoreAndOverlongCursorsAreRefused() {
    byte[] nan = Base64.getUrlDecoder().decode(relevance(1f, 1));
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
