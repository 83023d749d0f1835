package org.ipfeed.schema.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.testing.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicKeyTest {

  private static final String RFC_TEST_1_KEY =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  /** Encodings that are not usable keys: off the curve, of small order, or not canonical. */
  static List<String> invalidPoints() {
    return List.of(
        "02" + "00".repeat(31), // y = 2: x^2 has no square root
        "01" + "00".repeat(31), // the neutral point, order 1
        "01" + "00".repeat(30) + "80", // the neutral point with the sign bit set ("-0")
        "ec" + "ff".repeat(30) + "7f", // y = -1, order 2
        "00".repeat(32), // y = 0, order 4
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
        "ed" + "ff".repeat(30) + "7f", // y = p, i.e. 0 written non-canonically
        "ee" + "ff".repeat(30) + "7f", // y = p + 1, the neutral point non-canonically
        "f0"
            + "ff".repeat(30)
            + "7f"); // y = p + 3: y = 3 is on the curve, this is not its encoding
  }

  @ParameterizedTest
  @MethodSource("invalidPoints")
  void refusesBytesThatAreNotAUsablePoint(String hex) {
    BadInputException e =
        catchThrowableOfType(BadInputException.class, () -> PublicKey.of(Hex.decode(hex)));

    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo("invalid-public-key");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 33, 64})
  void refusesTheWrongLength(int length) {
    assertThatThrownBy(() -> PublicKey.of(new byte[length]))
        .isInstanceOfSatisfying(
            BadInputException.class,
            e -> assertThat(e.reason()).isEqualTo("invalid-public-key-length"))
        .hasMessageContaining("got " + length);
  }

  @Test
  void acceptsAPointOfLargeOrderWithoutItsSmallOrderComponentBeingChecked() {
    // y = 3 is on the curve but not in the prime-order subgroup; see package-info for why.
    assertThat(PublicKey.of(Hex.decode("03" + "00".repeat(31))).bytes()[0]).isEqualTo((byte) 3);
  }

  @Test
  void isAValueOverItsBytesAndCopiesThem() {
    byte[] bytes = Hex.decode(RFC_TEST_1_KEY);
    PublicKey key = PublicKey.of(bytes);
    bytes[0] ^= 1;
    key.bytes()[1] ^= 1;

    assertThat(key.bytes()).isEqualTo(Hex.decode(RFC_TEST_1_KEY));
    assertThat(key)
        .isEqualTo(PublicKey.of(Hex.decode(RFC_TEST_1_KEY)))
        .hasSameHashCodeAs(PublicKey.of(Hex.decode(RFC_TEST_1_KEY)))
        .isNotEqualTo(KeyPair.fromSeed(new byte[32]).publicKey());
    assertThat(key.toString()).isEqualTo("PublicKey[" + RFC_TEST_1_KEY + "]");
  }

  @Test
  void aRangeOutsideTheMessageIsAnError() {
    PublicKey key = PublicKey.of(Hex.decode(RFC_TEST_1_KEY));
    byte[] signature = new byte[64];

    assertThatThrownBy(() -> key.verify(new byte[4], 2, 3, signature))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> key.verify(new byte[4], -1, 1, signature))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
