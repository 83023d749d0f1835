package org.ipfeed.schema.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.testing.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Signing and verification against every RFC 8032 section 7.1 test vector. */
class Ed25519VectorTest {

  /** The order of the Ed25519 base point, 2^252 + 27742317777372353535851937790883648493. */
  private static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  record Vector(String name, byte[] seed, byte[] publicKey, byte[] message, byte[] signature) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Vector> vectors() {
    return Tsv.rows("ed25519-rfc8032.tsv").stream()
        .map(
            row -> {
              byte[] message = Hex.decode(row.get("message_hex"));
              assertThat(message).hasSize(Integer.parseInt(row.get("message_len")));
              return new Vector(
                  row.get("name"),
                  Hex.decode(row.get("secret_key_hex")),
                  Hex.decode(row.get("public_key_hex")),
                  message,
                  Hex.decode(row.get("signature_hex")));
            })
        .toList();
  }

  @Test
  void readsAllFiveVectorsIncludingTheEmptyMessage() {
    assertThat(vectors()).extracting(Vector::name).hasSize(5).contains("TEST 1", "TEST 1024");
    assertThat(vectors()).anySatisfy(v -> assertThat(v.message()).isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void derivesThePublicKeyFromTheSeed(Vector v) {
    assertThat(KeyPair.fromSeed(v.seed()).publicKey().bytes()).isEqualTo(v.publicKey());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void signsToExactlyTheVectorsBytes(Vector v) {
    assertThat(KeyPair.fromSeed(v.seed()).sign(v.message())).isEqualTo(v.signature());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verifies(Vector v) {
    PublicKey key = PublicKey.of(v.publicKey());
    assertThat(key.verify(v.message(), v.signature())).isTrue();

    byte[] padded = new byte[v.message().length + 7];
    System.arraycopy(v.message(), 0, padded, 3, v.message().length);
    assertThat(key.verify(padded, 3, v.message().length, v.signature())).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void rejectsTheMessageWithAnyBitFlippedOrAByteAdded(Vector v) {
    PublicKey key = PublicKey.of(v.publicKey());
    for (int bit = 0; bit < v.message().length * 8; bit++) {
      assertThat(key.verify(flip(v.message(), bit), v.signature())).as("bit %d", bit).isFalse();
    }
    byte[] longer = Arrays.copyOf(v.message(), v.message().length + 1);
    assertThat(key.verify(longer, v.signature())).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void rejectsTheSignatureWithAnyBitFlipped(Vector v) {
    PublicKey key = PublicKey.of(v.publicKey());
    for (int bit = 0; bit < v.signature().length * 8; bit++) {
      assertThat(key.verify(v.message(), flip(v.signature(), bit))).as("bit %d", bit).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void rejectsTheKeyWithAnyBitFlipped(Vector v) {
    for (int bit = 0; bit < v.publicKey().length * 8; bit++) {
      Optional<PublicKey> key = tryKey(flip(v.publicKey(), bit));
      // Most flips leave a point on the curve; the rest must be refused as keys.
      assertThat(key.map(k -> k.verify(v.message(), v.signature())).orElse(false))
          .as("bit %d", bit)
          .isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void rejectsSPlusL(Vector v) {
    // S + L is the same scalar mod L, so only the S < L rule (RFC 8032 5.1.7) stops it.
    BigInteger s = littleEndian(v.signature(), 32, 32);
    byte[] malleable = v.signature().clone();
    writeLittleEndian(s.add(L), malleable, 32, 32);

    assertThat(s.add(L).mod(L)).isEqualTo(s);
    assertThat(PublicKey.of(v.publicKey()).verify(v.message(), malleable)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void rejectsSignaturesOfTheWrongLength(Vector v) {
    PublicKey key = PublicKey.of(v.publicKey());
    for (byte[] wrong :
        Stream.of(0, 63, 65, 128).map(n -> Arrays.copyOf(v.signature(), n)).toList()) {
      assertThat(key.verify(v.message(), wrong)).as("%d bytes", wrong.length).isFalse();
    }
  }

  private static Optional<PublicKey> tryKey(byte[] bytes) {
    try {
      return Optional.of(PublicKey.of(bytes));
    } catch (BadInputException e) {
      assertThat(e.reason()).isEqualTo("invalid-public-key");
      return Optional.empty();
    }
  }

  private static byte[] flip(byte[] bytes, int bit) {
    byte[] out = bytes.clone();
    out[bit / 8] ^= (byte) (1 << (bit % 8));
    return out;
  }

  private static BigInteger littleEndian(byte[] bytes, int offset, int length) {
    byte[] bigEndian = new byte[length];
    for (int i = 0; i < length; i++) {
      bigEndian[i] = bytes[offset + length - 1 - i];
    }
    return new BigInteger(1, bigEndian);
  }

  private static void writeLittleEndian(BigInteger value, byte[] out, int offset, int length) {
    byte[] bigEndian = value.toByteArray();
    assertThat(value.bitLength()).isLessThanOrEqualTo(length * 8);
    Arrays.fill(out, offset, offset + length, (byte) 0);
    for (int i = 0; i < Math.min(length, bigEndian.length); i++) {
      out[offset + i] = bigEndian[bigEndian.length - 1 - i];
    }
  }
}
