package org.ipfeed.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.stream.Stream;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.testing.Fixtures;
import org.ipfeed.schema.testing.Fixtures.CodecFixture;
import org.ipfeed.schema.testing.Fixtures.Negative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DAG-CBOR against ipld/codec-fixtures and the derived negative fixtures. */
class DagCborFixtureTest {

  /** The fixtures' error texts, mapped to the rule each one means. */
  private static final Map<String, CodecRule> RULES =
      Map.ofEntries(
          Map.entry("non-minimal integer/length encoding", CodecRule.NON_MINIMAL),
          Map.entry("indefinite-length items not allowed", CodecRule.INDEFINITE_LENGTH),
          Map.entry("undefined not allowed", CodecRule.UNDEFINED),
          Map.entry("simple value not allowed", CodecRule.SIMPLE_VALUE),
          Map.entry("floats must be 64-bit", CodecRule.FLOAT_WIDTH),
          Map.entry("NaN/Infinity not allowed", CodecRule.NON_FINITE_FLOAT),
          Map.entry("tag 2 not allowed (only 42)", CodecRule.FOREIGN_TAG),
          Map.entry("CID bytes must start with 0x00 multibase prefix", CodecRule.CID_PREFIX),
          Map.entry("map keys must be strings", CodecRule.MAP_KEY_TYPE),
          Map.entry("map keys not in length-first bytewise order", CodecRule.MAP_KEY_ORDER),
          Map.entry("trailing bytes after top-level item", CodecRule.TRAILING_BYTES),
          Map.entry("unexpected end of data", CodecRule.UNEXPECTED_END),
          Map.entry("map key \"foo\"", CodecRule.DUPLICATE_KEY));

  static Stream<CodecFixture> withDagCbor() {
    return Fixtures.codecFixtures().stream().filter(f -> f.dagCbor().isPresent());
  }

  static Stream<Negative> negatives() {
    return Fixtures.negatives("dag-cbor").stream();
  }

  @Test
  void everyFixtureFolderIsExercised() {
    assertThat(withDagCbor().count()).isGreaterThanOrEqualTo(60);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withDagCbor")
  void decodesReencodesByteIdenticalAndHashesToItsName(CodecFixture fixture) {
    Fixtures.Encoded cbor = fixture.dagCbor().orElseThrow();

    Ipld value = DagCbor.decode(cbor.bytes());
    byte[] again = DagCbor.encode(value);

    assertThat(again).isEqualTo(cbor.bytes());
    assertThat(DagCbor.cid(again)).isEqualTo(Cid.parse(cbor.cid()));
    assertThat(DagCbor.cid(again).toString()).isEqualTo(cbor.cid());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("negatives")
  void rejectsEachNegativeFixtureForItsStatedReason(Negative fixture) {
    CodecRule expected = RULES.get(fixture.error());
    assertThat(expected).as("a rule for fixture error '%s'", fixture.error()).isNotNull();

    CodecException e =
        catchThrowableOfType(CodecException.class, () -> DagCbor.decode(fixture.bytes()));

    assertThat(e).as("decoding %s", fixture.name()).isNotNull();
    assertThat(e.rule()).isEqualTo(expected);
    assertThat(e.reason()).isEqualTo(expected.reason());
    assertThat(e.getMessage()).contains("at byte " + e.offset());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("negatives")
  void theValidCounterpartOfEachNegativeFixtureIsAccepted(Negative fixture) {
    fixture
        .valid()
        .ifPresent(valid -> assertThat(DagCbor.encode(DagCbor.decode(valid))).isEqualTo(valid));
  }

  @Test
  void negativeFixturesCoverEveryRuleTheIssueNames() {
    assertThat(negatives().map(n -> RULES.get(n.error())).distinct())
        .contains(
            CodecRule.NON_MINIMAL,
            CodecRule.INDEFINITE_LENGTH,
            CodecRule.MAP_KEY_ORDER,
            CodecRule.DUPLICATE_KEY,
            CodecRule.FOREIGN_TAG,
            CodecRule.CID_PREFIX,
            CodecRule.UNDEFINED,
            CodecRule.NON_FINITE_FLOAT,
            CodecRule.FLOAT_WIDTH,
            CodecRule.TRAILING_BYTES);
    assertThatThrownBy(() -> DagCbor.decode(new byte[0])).isInstanceOf(CodecException.class);
  }
}
