package org.ipfeed.schema.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.multiformats.Multibase;
import org.ipfeed.schema.testing.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DidTest {

  private static final String VALID = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
  private static final String VALID_KEY =
      "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";
  private static final String OTHER = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

  record Rejection(String name, String text, String reason) {
    @Override
    public String toString() {
      return name + " -> " + reason;
    }
  }

  /** did:key:z + base58btc of the given hex: lets a case say exactly which bytes are wrong. */
  private static String didKeyOf(String hex) {
    return "did:key:" + Multibase.BASE58BTC.encode(Hex.decode(hex));
  }

  static List<Rejection> rejections() {
    return List.of(
        new Rejection("empty", "", "invalid-did"),
        new Rejection("another method", "did:web:example.com", "invalid-did"),
        new Rejection("not a DID", "https://example.com/alice", "invalid-did"),
        new Rejection("upper-case scheme", "DID" + VALID.substring(3), "invalid-did"),
        new Rejection("upper-case method", "did:KEY" + VALID.substring(7), "invalid-did"),
        new Rejection("no key", "did:key:", "invalid-did"),
        new Rejection("multibase prefix only", "did:key:z", "invalid-did"),
        new Rejection(
            "base16 multibase",
            "did:key:" + Multibase.BASE16.encode(Hex.decode("ed01" + VALID_KEY)),
            "invalid-did"),
        new Rejection(
            "base32 multibase",
            "did:key:" + Multibase.BASE32.encode(Hex.decode("ed01" + VALID_KEY)),
            "invalid-did"),
        new Rejection("'0' is not base58", VALID.substring(0, 55) + "0", "invalid-did"),
        new Rejection("'l' is not base58", VALID.substring(0, 55) + "l", "invalid-did"),
        new Rejection("DID URL with a fragment", VALID + "#" + VALID.substring(8), "invalid-did"),
        new Rejection("DID URL with a path", VALID + "/posts", "invalid-did"),
        new Rejection("trailing newline", VALID + "\n", "invalid-did"),
        new Rejection("leading space", " " + VALID, "invalid-did"),
        new Rejection("far too long", "did:key:z6Mk" + "1".repeat(200), "invalid-did"),
        new Rejection("non-minimal varint ed 81 00", didKeyOf("ed8100" + VALID_KEY), "invalid-did"),
        new Rejection(
            "secp256k1-pub (0xe7)",
            didKeyOf("e701" + "03" + VALID_KEY),
            "unsupported-public-key-type"),
        new Rejection(
            "x25519-pub (0xec)", didKeyOf("ec01" + VALID_KEY), "unsupported-public-key-type"),
        new Rejection(
            "leading zero byte", didKeyOf("00ed01" + VALID_KEY), "unsupported-public-key-type"),
        new Rejection(
            "31-byte key", didKeyOf("ed01" + VALID_KEY.substring(2)), "invalid-public-key-length"),
        new Rejection(
            "33-byte key", didKeyOf("ed01" + VALID_KEY + "00"), "invalid-public-key-length"),
        new Rejection("no key bytes", didKeyOf("ed01"), "invalid-public-key-length"),
        new Rejection(
            "y = 2 is not on the curve",
            didKeyOf("ed01" + "02" + "00".repeat(31)),
            "invalid-public-key"),
        new Rejection(
            "the neutral point (small order)",
            didKeyOf("ed01" + "01" + "00".repeat(31)),
            "invalid-public-key"),
        new Rejection(
            "a point of order 8",
            didKeyOf("ed01c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
            "invalid-public-key"),
        new Rejection(
            "y = p + 3, a point on the curve written non-canonically",
            didKeyOf("ed01" + "f0" + "ff".repeat(30) + "7f"),
            "invalid-public-key"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void rejectsForThePreciseReason(Rejection rejection) {
    BadInputException e =
        catchThrowableOfType(BadInputException.class, () -> Did.parse(rejection.text()));

    assertThat(e).as("parsing %s", rejection.text()).isNotNull();
    assertThat(e.reason()).isEqualTo(rejection.reason());
    assertThat(e.getMessage()).startsWith("invalid DID '").doesNotContain("\n");
    assertThat(Did.tryParse(rejection.text())).isEmpty();
  }

  @Test
  void theSecp256k1CaseReallyIsASecp256k1DidKey() {
    assertThat(didKeyOf("e701" + "03" + VALID_KEY)).startsWith("did:key:zQ3s");
  }

  @Test
  void parsesAndPrintsTheCanonicalText() {
    Did did = Did.parse(VALID);

    assertThat(did.toString()).isEqualTo(VALID);
    assertThat(did.publicKey().bytes()).isEqualTo(Hex.decode(VALID_KEY));
    assertThat(Did.tryParse(VALID)).contains(did);
  }

  @Test
  void isAValueOverTheKey() {
    Did parsed = Did.parse(VALID);
    Did built = Did.of(PublicKey.of(Hex.decode(VALID_KEY)));

    assertThat(parsed).isEqualTo(built).hasSameHashCodeAs(built).isNotEqualTo(Did.parse(OTHER));
    assertThat(built.toString()).isEqualTo(VALID);
  }

  @Test
  void verifiesWhatItsKeyPairSigned() {
    KeyPair keys = KeyPair.fromSeed(new byte[32]);
    byte[] message = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(Did.parse(VALID)).isEqualTo(keys.did());
    assertThat(Did.parse(VALID).publicKey().verify(message, keys.sign(message))).isTrue();
  }
}
