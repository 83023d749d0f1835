package org.ipfeed.schema.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.ipfeed.schema.multiformats.Multibase;
import org.ipfeed.schema.testing.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** did:key against every row of didkey.tsv (w3c-ccg vectors and ones derived from RFC 8032). */
class DidKeyVectorTest {

  record Row(String source, String seedHex, byte[] publicKey, String base58, String did) {
    @Override
    public String toString() {
      return source + (seedHex.isEmpty() ? "" : " seed " + seedHex.substring(56));
    }
  }

  static List<Row> rows() {
    return Tsv.rows("didkey.tsv").stream().map(DidKeyVectorTest::row).toList();
  }

  private static Row row(Map<String, String> row) {
    assertThat(row.get("did")).isEqualTo("did:key:" + row.get("multibase_value"));
    return new Row(
        row.get("source"),
        row.get("seed_hex"),
        Hex.decode(row.get("public_key_hex")),
        row.get("public_key_base58"),
        row.get("did"));
  }

  static List<Row> rowsWithSeed() {
    return rows().stream().filter(r -> !r.seedHex().isEmpty()).toList();
  }

  @Test
  void readsEveryRow() {
    assertThat(rows()).hasSize(11);
    assertThat(rowsWithSeed()).hasSize(10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rowsWithSeed")
  void seedGivesThePublicKeyAndTheDid(Row row) {
    KeyPair keys = KeyPair.fromSeed(Hex.decode(row.seedHex()));

    assertThat(keys.publicKey().bytes()).isEqualTo(row.publicKey());
    assertThat(keys.did().toString()).isEqualTo(row.did());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void publicKeyGivesTheDid(Row row) {
    assertThat(Multibase.BASE58BTC.encodeBare(row.publicKey())).isEqualTo(row.base58());
    assertThat(Did.of(PublicKey.of(row.publicKey())).toString()).isEqualTo(row.did());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void didGivesThePublicKey(Row row) {
    Did did = Did.parse(row.did());

    assertThat(did.publicKey().bytes()).isEqualTo(row.publicKey());
    assertThat(did.toString()).isEqualTo(row.did()).startsWith("did:key:z6Mk").hasSize(56);
    assertThat(did).isEqualTo(Did.of(PublicKey.of(row.publicKey())));
  }
}
