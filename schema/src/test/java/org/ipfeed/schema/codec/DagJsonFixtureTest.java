package org.ipfeed.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;
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

/** DAG-JSON against ipld/codec-fixtures, in itself and converted to and from DAG-CBOR. */
class DagJsonFixtureTest {

  /** The fixtures' error texts, mapped to the rule each one means. */
  private static final Map<String, CodecRule> RULES =
      Map.ofEntries(
          Map.entry("repeat map key \"foo\"", CodecRule.DUPLICATE_KEY),
          Map.entry("\"/\" string link map with extra keys", CodecRule.RESERVED_NAMESPACE),
          Map.entry("bytes form with extra keys", CodecRule.RESERVED_NAMESPACE),
          Map.entry("invalid base64 bytes", CodecRule.INVALID_BASE64),
          Map.entry("non-JSON constant Infinity", CodecRule.NON_FINITE_FLOAT));

  static Stream<CodecFixture> withDagJson() {
    return Fixtures.codecFixtures().stream().filter(f -> f.dagJson().isPresent());
  }

  static Stream<CodecFixture> withDagCbor() {
    return Fixtures.codecFixtures().stream().filter(f -> f.dagCbor().isPresent());
  }

  static Stream<Negative> negatives() {
    return Fixtures.negatives("dag-json").stream();
  }

  @Test
  void everyFixtureFolderIsExercised() {
    assertThat(withDagJson().count()).isGreaterThanOrEqualTo(60);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withDagJson")
  void decodesReencodesByteIdenticalAndHashesToItsName(CodecFixture fixture) {
    Fixtures.Encoded json = fixture.dagJson().orElseThrow();

    Ipld value = DagJson.decode(json.bytes());
    byte[] again = DagJson.encode(value);

    assertThat(again).isEqualTo(json.bytes());
    assertThat(DagJson.cid(again)).isEqualTo(Cid.parse(json.cid()));
    assertThat(DagJson.cid(again).toString()).isEqualTo(json.cid());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withDagJson")
  void convertsToTheDagCborFixture(CodecFixture fixture) {
    Ipld value = DagJson.decode(fixture.dagJson().orElseThrow().bytes());

    byte[] cbor = DagCbor.encode(value);

    assertThat(DagCbor.decode(cbor)).isEqualTo(value);
    fixture
        .dagCbor()
        .ifPresent(
            expected -> {
              assertThat(cbor).isEqualTo(expected.bytes());
              assertThat(DagCbor.cid(cbor).toString()).isEqualTo(expected.cid());
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withDagCbor")
  void convertsFromTheDagCborFixture(CodecFixture fixture) {
    Ipld value = DagCbor.decode(fixture.dagCbor().orElseThrow().bytes());

    byte[] json = DagJson.encode(value);

    assertThat(DagJson.decode(json)).isEqualTo(value);
    fixture
        .dagJson()
        .ifPresent(
            expected -> {
              assertThat(json).isEqualTo(expected.bytes());
              assertThat(DagJson.cid(json).toString()).isEqualTo(expected.cid());
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("negatives")
  void rejectsEachNegativeFixtureForItsStatedReason(Negative fixture) {
    CodecRule expected = RULES.get(fixture.error());
    assertThat(expected).as("a rule for fixture error '%s'", fixture.error()).isNotNull();

    CodecException e =
        catchThrowableOfType(CodecException.class, () -> DagJson.decode(fixture.bytes()));

    assertThat(e).as("decoding %s", fixture.name()).isNotNull();
    assertThat(e.codec()).isEqualTo(DagJson.NAME);
    assertThat(e.rule()).isEqualTo(expected);
    assertThat(e.reason()).isEqualTo(expected.reason());
    assertThat(e.offset()).isBetween(0L, (long) fixture.bytes().length);
    assertThat(e.getMessage()).contains("at byte " + e.offset());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("negatives")
  void theValidCounterpartOfEachNegativeFixtureIsAccepted(Negative fixture) {
    fixture
        .valid()
        .ifPresent(valid -> assertThat(DagJson.encode(DagJson.decode(valid))).isEqualTo(valid));
  }

  @Test
  void negativeFixturesCoverTheRulesTheyName() {
    assertThat(negatives().map(n -> RULES.get(n.error())).distinct())
        .containsExactlyInAnyOrder(
            CodecRule.DUPLICATE_KEY,
            CodecRule.RESERVED_NAMESPACE,
            CodecRule.INVALID_BASE64,
            CodecRule.NON_FINITE_FLOAT);
  }
}
