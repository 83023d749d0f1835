package org.ipfeed.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.util.Arrays;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.testing.Hex;
import org.junit.jupiter.api.Test;

/** Strict DAG-CBOR rules beyond the fixtures. */
class DagCborTest {

  private static CodecException refused(String hex) {
    CodecException e =
        catchThrowableOfType(CodecException.class, () -> DagCbor.decode(Hex.decode(hex)));
    assertThat(e).as("decoding %s", hex).isNotNull();
    return e;
  }

  @Test
  void integersBeyondALongRoundTripAsBigInt() {
    BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    BigInteger min = BigInteger.ONE.shiftLeft(64).negate();

    assertThat(DagCbor.decode(Hex.decode("1bffffffffffffffff"))).isEqualTo(Ipld.of(max));
    assertThat(DagCbor.decode(Hex.decode("3bffffffffffffffff"))).isEqualTo(Ipld.of(min));
    assertThat(Hex.encode(DagCbor.encode(Ipld.of(max)))).isEqualTo("1bffffffffffffffff");
    assertThat(Hex.encode(DagCbor.encode(Ipld.of(min)))).isEqualTo("3bffffffffffffffff");
    assertThat(DagCbor.decode(Hex.decode("1b7fffffffffffffff"))).isEqualTo(Ipld.of(Long.MAX_VALUE));
    assertThat(DagCbor.decode(Hex.decode("3b7fffffffffffffff"))).isEqualTo(Ipld.of(Long.MIN_VALUE));
    assertThat(DagCbor.decode(Hex.decode("1b8000000000000000"))).isInstanceOf(Ipld.BigInt.class);
  }

  @Test
  void nonMinimalArgumentsAreRefusedAtEveryWidth() {
    assertThat(refused("1817").rule()).isEqualTo(CodecRule.NON_MINIMAL);
    assertThat(refused("190017").rule()).isEqualTo(CodecRule.NON_MINIMAL);
    assertThat(refused("1a0000ffff").rule()).isEqualTo(CodecRule.NON_MINIMAL);
    assertThat(refused("1b00000000ffffffff").rule()).isEqualTo(CodecRule.NON_MINIMAL);
    assertThat(refused("8118").rule()).isEqualTo(CodecRule.UNEXPECTED_END);
  }

  @Test
  void invalidUtf8IsRefusedWithItsOffset() {
    CodecException overlong = refused("62c0af");
    assertThat(overlong.rule()).isEqualTo(CodecRule.INVALID_UTF8);
    assertThat(overlong.offset()).isEqualTo(1);
    assertThat(refused("63eda080").rule()).as("a surrogate").isEqualTo(CodecRule.INVALID_UTF8);
    assertThat(refused("64f4900000").rule()).as("above U+10FFFF").isEqualTo(CodecRule.INVALID_UTF8);
    assertThat(refused("61ff").rule()).isEqualTo(CodecRule.INVALID_UTF8);
    assertThat(refused("62e282").rule()).as("truncated sequence").isEqualTo(CodecRule.INVALID_UTF8);
  }

  @Test
  void keysSortByUtf8BytesNotUtf16() {
    // "\uFF61a" and U+1F600 are both 4 UTF-8 bytes (EF BD A1 61 and F0 9F 98 80), but in UTF-16
    // the surrogate D83D sorts before FF61: comparing Java chars would get this backwards.
    Ipld.Map map = Ipld.map().put("\uD83D\uDE00", 1).put("\uFF61a", 2).put("aaa", 3).build();
    byte[] bytes = DagCbor.encode(map);

    assertThat(map.entries().keySet()).containsExactly("aaa", "\uFF61a", "\uD83D\uDE00");
    assertThat(DagCbor.decode(bytes)).isEqualTo(map);
  }

  @Test
  void nestingIsBounded() {
    byte[] deep = new byte[DagCbor.MAX_DEPTH + 2];
    Arrays.fill(deep, (byte) 0x81);
    deep[deep.length - 1] = 0x00;
    assertThat(catchThrowableOfType(CodecException.class, () -> DagCbor.decode(deep)).rule())
        .isEqualTo(CodecRule.TOO_DEEP);

    byte[] ok = new byte[DagCbor.MAX_DEPTH + 1];
    Arrays.fill(ok, (byte) 0x81);
    ok[ok.length - 1] = 0x00;
    assertThat(DagCbor.encode(DagCbor.decode(ok))).isEqualTo(ok);
  }

  @Test
  void hugeLengthsFailBeforeAllocating() {
    assertThat(refused("5bffffffffffffffff").rule()).isEqualTo(CodecRule.UNEXPECTED_END);
    assertThat(refused("7b7fffffffffffffff").rule()).isEqualTo(CodecRule.UNEXPECTED_END);
    assertThat(refused("bb0fffffffffffffff").rule()).isEqualTo(CodecRule.UNEXPECTED_END);
    assertThat(refused("a2616101").rule()).isEqualTo(CodecRule.UNEXPECTED_END);
  }

  @Test
  void linksMustBeWellFormed() {
    assertThat(refused("d82a6161").rule()).isEqualTo(CodecRule.LINK_NOT_BYTES);
    assertThat(refused("d82a40").rule()).isEqualTo(CodecRule.CID_PREFIX);
    assertThat(refused("d82a420002").rule()).isEqualTo(CodecRule.INVALID_CID);
    assertThat(refused("d82b00").rule()).isEqualTo(CodecRule.FOREIGN_TAG);
    assertThat(refused("c100").rule()).isEqualTo(CodecRule.FOREIGN_TAG);
  }

  @Test
  void reservedAndBreakBytesAreMalformed() {
    assertThat(refused("1c").rule()).isEqualTo(CodecRule.MALFORMED);
    assertThat(refused("ff").rule()).isEqualTo(CodecRule.MALFORMED);
    assertThat(refused("1f").rule()).isEqualTo(CodecRule.MALFORMED);
    assertThat(refused("9f00ff").rule()).isEqualTo(CodecRule.INDEFINITE_LENGTH);
    assertThat(refused("e0").rule()).isEqualTo(CodecRule.SIMPLE_VALUE);
    assertThat(refused("fbfff0000000000000").rule()).isEqualTo(CodecRule.NON_FINITE_FLOAT);
  }

  @Test
  void floatsAreAlwaysEightBytes() {
    assertThat(Hex.encode(DagCbor.encode(new Ipld.Float(1.5)))).isEqualTo("fb3ff8000000000000");
    assertThat(Hex.encode(DagCbor.encode(new Ipld.Float(-0.0)))).isEqualTo("fb8000000000000000");
    assertThat(DagCbor.decode(Hex.decode("fb8000000000000000"))).isEqualTo(new Ipld.Float(-0.0));
  }
}
