package org.ipfeed.schema.identity;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.multiformats.Multibase;
import org.ipfeed.schema.testing.Hex;
import org.junit.jupiter.api.Test;

class KeyPairTest {

  private static final byte[] SEED =
      Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  private static final byte[] MESSAGE = "an entry's canonical bytes".getBytes(UTF_8);

  @Test
  void generatedKeysSignWhatTheirDidVerifies() {
    KeyPair keys = KeyPair.generate(new SecureRandom());

    byte[] signature = keys.sign(MESSAGE);

    assertThat(signature).hasSize(64);
    assertThat(keys.did().publicKey()).isEqualTo(keys.publicKey());
    assertThat(Did.parse(keys.did().toString()).publicKey().verify(MESSAGE, signature)).isTrue();
  }

  @Test
  void generateDrawsTheSeedFromTheGivenRandom() {
    SecureRandom fixed =
        new SecureRandom() {
          private static final long serialVersionUID = 1L;

          @Override
          public void nextBytes(byte[] bytes) {
            System.arraycopy(SEED, 0, bytes, 0, bytes.length);
          }
        };

    assertThat(KeyPair.generate(fixed).did()).isEqualTo(KeyPair.fromSeed(SEED).did());
    assertThat(KeyPair.generate(new SecureRandom()).did())
        .isNotEqualTo(KeyPair.generate(new SecureRandom()).did());
  }

  @Test
  void signingIsDeterministicAndRangesSignTheirSlice() {
    KeyPair keys = KeyPair.fromSeed(SEED);
    byte[] padded = new byte[MESSAGE.length + 10];
    System.arraycopy(MESSAGE, 0, padded, 5, MESSAGE.length);

    assertThat(keys.sign(MESSAGE)).isEqualTo(KeyPair.fromSeed(SEED).sign(MESSAGE));
    assertThat(keys.sign(padded, 5, MESSAGE.length)).isEqualTo(keys.sign(MESSAGE));
    assertThatThrownBy(() -> keys.sign(padded, 5, padded.length))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void copiesTheSeedItIsGiven() {
    byte[] seed = SEED.clone();
    KeyPair keys = KeyPair.fromSeed(seed);
    Arrays.fill(seed, (byte) 0);

    assertThat(keys.did()).isEqualTo(KeyPair.fromSeed(SEED).did());
  }

  @Test
  void refusesASeedOfTheWrongLength() {
    assertThatThrownBy(() -> KeyPair.fromSeed(new byte[31]))
        .isInstanceOfSatisfying(
            BadInputException.class, e -> assertThat(e.reason()).isEqualTo("invalid-seed-length"));
    assertThatThrownBy(() -> KeyPair.fromSeed(new byte[64])).isInstanceOf(BadInputException.class);
  }

  @Test
  void toStringShowsTheDidAndNeverTheSeed() {
    KeyPair keys = KeyPair.fromSeed(SEED);

    assertThat(keys.toString())
        .isEqualTo("KeyPair[" + keys.did() + "]")
        .doesNotContainIgnoringCase(Hex.encode(SEED))
        .doesNotContain(Base64.getEncoder().encodeToString(SEED).substring(0, 40))
        .doesNotContain(Multibase.BASE58BTC.encodeBare(SEED));
  }
}
