package org.ipfeed.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.ipfeed.schema.identity.KeyPair;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.testing.Hex;
import org.junit.jupiter.api.Test;

/**
 * The byte-level worked example of the project's IPLD notes (specs/ipld-rules.md section 8): a
 * small map through both codecs, an RFC 8032 signature over its DAG-CBOR bytes, and a link.
 */
class WorkedExampleTest {

  private static final Ipld.Map POST =
      Ipld.map()
          .put("text", "hi")
          .put("author", "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw")
          .put("createdAt", "2024-01-01T00:00:00Z")
          .build();

  @Test
  void dagCborSortsKeysLengthFirstAndHashesToTheExpectedCid() {
    byte[] cbor = DagCbor.encode(POST);

    assertThat(Hex.encode(cbor))
        .startsWith("a3" + "6474657874" + "626869" + "66617574686f72" + "7838");
    assertThat(DagCbor.cid(cbor))
        .hasToString("bafyreibmooz3mjsvdrpfquzbdol2xqy2r6frwfbq35yxf755de7uclm4yi");
  }

  @Test
  void dagJsonSortsKeysBytewise() {
    byte[] json = DagJson.encode(POST);

    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"author\":\"did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw\","
                + "\"createdAt\":\"2024-01-01T00:00:00Z\",\"text\":\"hi\"}");
    assertThat(DagJson.cid(json))
        .hasToString("baguqeerawlzpoxshefc5qqdum7bzofcbrsmtgffs7iw46gco574ohek4sxsq");
  }

  @Test
  void signingTheDagCborBytesWithRfc8032Test1GivesTheExpectedSignatureAndCid() {
    KeyPair test1 =
        KeyPair.fromSeed(
            Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    byte[] sig = test1.sign(DagCbor.encode(POST));

    assertThat(Hex.encode(sig))
        .isEqualTo(
            "ee45125671130ae93ed3ac72b0e4771f4af3ce1f5e524abc4d187a73da165c6f"
                + "25a9846866bbed2c99884ff7c8004fc770c78b85a5ef6ce42625437d4ab45a0a");

    Ipld.Map signed =
        Ipld.map()
            .put("sig", Ipld.bytes(sig))
            .put("text", "hi")
            .put("author", "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw")
            .put("createdAt", "2024-01-01T00:00:00Z")
            .build();
    byte[] block = DagCbor.encode(signed);

    assertThat(Hex.encode(block)).startsWith("a4" + "63736967" + "5840" + "ee45");
    assertThat(DagCbor.cid(block))
        .hasToString("bafyreifhard5sfmazdzl3s6vpzg4z3xuz4hwz2nskrixiwk6f2p43fsody");
  }

  @Test
  void aLinkIsTag42OverTheZeroPrefixedCid() {
    Cid post = DagCbor.cid(DagCbor.encode(POST));
    byte[] cbor = DagCbor.encode(Ipld.map().put("prev", post).build());

    assertThat(Hex.encode(cbor))
        .startsWith("a1" + "6470726576" + "d82a" + "5825" + "00" + "0171" + "1220" + "2c73b3b6");
    assertThat(DagCbor.decode(cbor)).isEqualTo(Ipld.map().put("prev", post).build());
  }

  @Test
  void aHeaderClaimingTwoToTheSixtyItemsFailsAtOnce() {
    byte[] claim = Hex.decode("9b1000000000000000");
    CodecException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            CodecException.class, () -> DagCbor.decode(claim));
    assertThat(e.rule()).isEqualTo(CodecRule.UNEXPECTED_END);
    assertThat(e.offset()).isZero();
    assertThat(e.getMessage()).contains("1152921504606846976 items");
  }
}
