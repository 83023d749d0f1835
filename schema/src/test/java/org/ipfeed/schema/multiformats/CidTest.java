package org.ipfeed.schema.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.testing.Fixtures;
import org.ipfeed.schema.testing.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDs: the worked examples of ipld-rules.md section 3 and the CIDs that name fixture folders. */
class CidTest {

  /** ipld-rules.md section 3, worked example. */
  private static final String EXAMPLE =
      "bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwlm";

  private static final String EXAMPLE_HEX =
      "01711220 69ea0740f9807a28f4d932c62e7c1c83be055e55072c90266ab3e79df63a365b";

  /** A CIDv0 from the fixtures, with its binary form. */
  private static final String V0 = "QmRgutAxd8t7oGkSm4wmeuByG6M51wcTso6cubDdQtuEfL";

  /** A CID folder name, and the link inside the folder's DAG-JSON: the canonical text. */
  record Named(String folder, String canonical) {
    String name() {
      return folder.substring("cid-".length());
    }

    @Override
    public String toString() {
      return folder;
    }
  }

  /** Every {@code cid-*} fixture folder whose name is a CID ({@code cid-arrayof} is not). */
  static Stream<Named> namedFolders() throws IOException {
    List<Named> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Fixtures.path("codec-fixtures/fixtures"))) {
      for (Path dir : dirs.sorted().toList()) {
        String folder = dir.getFileName().toString();
        if (folder.startsWith("cid-") && !folder.equals("cid-arrayof")) {
          out.add(new Named(folder, dagJson(dir).get("/").asText()));
        }
      }
    }
    return out.stream();
  }

  /** The sixteen CIDs, of every shape, listed in {@code cid-arrayof}, as DAG-JSON writes them. */
  static Stream<String> arrayOf() throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode link : dagJson(Fixtures.path("codec-fixtures/fixtures/cid-arrayof"))) {
      out.add(link.get("/").asText());
    }
    return out.stream();
  }

  @Test
  void theWorkedExampleGoesBothWays() {
    Cid cid = Cid.parse(EXAMPLE);

    assertThat(cid.bytes()).isEqualTo(Hex.decode(EXAMPLE_HEX));
    assertThat(cid.byteLength()).isEqualTo(36);
    assertThat(cid.version()).isEqualTo(1);
    assertThat(cid.codec()).isEqualTo(Multicodec.DAG_CBOR);
    assertThat(cid.multihash().function()).isEqualTo(Multicodec.SHA2_256);
    assertThat(cid.multihash().digest()).isEqualTo(Arrays.copyOfRange(cid.bytes(), 4, 36));
    assertThat(Cid.decode(Hex.decode(EXAMPLE_HEX))).isEqualTo(cid);
    assertThat(Cid.decode(Hex.decode(EXAMPLE_HEX)).toString()).isEqualTo(EXAMPLE);
  }

  @Test
  void theSameBlockUnderTwoCodecsDiffersOnlyInTheCodecByte() {
    byte[] post =
        DagCbor.encode(
            Ipld.map()
                .put("text", "hi")
                .put("author", "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw")
                .put("createdAt", "2024-01-01T00:00:00Z")
                .build());

    Cid dagCbor = Cid.dagCbor(post);
    Cid raw = Cid.raw(post);

    assertThat(dagCbor)
        .hasToString("bafyreibmooz3mjsvdrpfquzbdol2xqy2r6frwfbq35yxf755de7uclm4yi")
        .isEqualTo(Cid.of(Multicodec.DAG_CBOR, post))
        .isEqualTo(DagCbor.cid(post));
    assertThat(raw).hasToString("bafkreibmooz3mjsvdrpfquzbdol2xqy2r6frwfbq35yxf755de7uclm4yi");
    assertThat(raw).isNotEqualTo(dagCbor);
    assertThat(raw.multihash()).isEqualTo(dagCbor.multihash());
    byte[] a = dagCbor.bytes();
    byte[] b = raw.bytes();
    assertThat(a[1]).isEqualTo((byte) 0x71);
    assertThat(b[1]).isEqualTo((byte) 0x55);
    assertThat(Arrays.copyOfRange(a, 2, a.length)).isEqualTo(Arrays.copyOfRange(b, 2, b.length));
  }

  /**
   * A CID in a folder name prints back as itself in the base it was written in; {@code toString()}
   * always gives the canonical text, which is what the fixture's own DAG-JSON link says: base32 for
   * CIDv1 (even when the name was base58btc), bare base58btc for CIDv0.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("namedFolders")
  void everyFolderNameParsesAndPrintsBack(Named named) {
    Cid cid = Cid.parse(named.name());

    assertThat(cid.toString()).isEqualTo(named.canonical());
    assertThat(Cid.parse(named.canonical())).isEqualTo(cid);
    if (cid.version() == 0) {
      assertThat(cid.toString()).isEqualTo(named.name());
    } else {
      assertThat(cid.toString(Multibase.of(named.name()))).isEqualTo(named.name());
    }
    assertThat(Cid.decode(cid.bytes())).isEqualTo(cid);
  }

  @Test
  void foldersNamedInAnotherBasePrintInBase32() throws IOException {
    assertThat(Cid.parse("zdpuAtX7ZibcWdSKQwiDCkPjWwRvtcKCPku9H7LhgA4qJW4Wk"))
        .hasToString("bafyreidykglsfhoixmivffc5uwhcgshx4j465xwqntbmu43nb2dzqwfvae");
    assertThat(namedFolders().filter(n -> n.name().startsWith("z"))).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrayOf")
  void everyLinkOfTheArrayFixturePrintsBackIdentically(String text) {
    Cid cid = Cid.parse(text);

    assertThat(cid.toString()).isEqualTo(text);
    assertThat(Cid.decode(cid.bytes())).isEqualTo(cid);
  }

  @Test
  void aCidV0IsABareSha256MultihashOfDagPb() {
    Cid cid = Cid.parse(V0);

    assertThat(cid.version()).isZero();
    assertThat(cid.codec()).isEqualTo(Multicodec.DAG_PB);
    assertThat(cid.byteLength()).isEqualTo(34);
    assertThat(cid.bytes()).startsWith(0x12, 0x20).isEqualTo(cid.multihash().bytes());
    assertThat(Cid.decode(cid.bytes())).isEqualTo(cid);
    assertThat(cid.toString(Multibase.BASE58BTC)).isEqualTo(V0);
    assertThatThrownBy(() -> cid.toString(Multibase.BASE32))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toV1KeepsTheContentAndTheCodec() {
    Cid v0 = Cid.parse(V0);
    Cid v1 = v0.toV1();

    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.codec()).isEqualTo(Multicodec.DAG_PB);
    assertThat(v1.multihash()).isEqualTo(v0.multihash());
    assertThat(v1.toString()).startsWith("bafybei");
    assertThat(v1).isNotEqualTo(v0);
    assertThat(Cid.v1(Multicodec.DAG_PB, v0.multihash())).isEqualTo(v1);

    Cid example = Cid.parse(EXAMPLE);
    assertThat(example.toV1()).isSameAs(example);
  }

  @Test
  void aCidV0InMultibaseIsRefused() {
    byte[] v0 = Cid.parse(V0).bytes();

    for (Multibase base : List.of(Multibase.BASE32, Multibase.BASE58BTC, Multibase.BASE16)) {
      BadInputException e =
          catchThrowableOfType(BadInputException.class, () -> Cid.parse(base.encode(v0)));
      assertThat(e.reason()).as(base.label()).isEqualTo("invalid-cid");
      assertThat(e.getMessage()).contains("bare base58btc");
    }
  }

  @Test
  void onlyVersionOneFollowsTheVersionVarint() {
    byte[] v1 = Hex.decode(EXAMPLE_HEX);
    for (int version : new int[] {0, 2, 3, 0x7f}) {
      byte[] bytes = v1.clone();
      bytes[0] = (byte) version;

      BadInputException binary =
          catchThrowableOfType(BadInputException.class, () -> Cid.decode(bytes));
      BadInputException text =
          catchThrowableOfType(
              BadInputException.class, () -> Cid.parse(Multibase.BASE32.encode(bytes)));

      assertThat(binary.reason()).isEqualTo("invalid-cid");
      assertThat(binary.getMessage()).contains("unsupported CID version " + version);
      assertThat(text.reason()).isEqualTo("invalid-cid");
    }
  }

  @Test
  void bytesAfterTheCidAreRefusedByDecodeButLeftAloneByRead() {
    byte[] withTrailer = Hex.decode(EXAMPLE_HEX + "00");

    BadInputException e =
        catchThrowableOfType(BadInputException.class, () -> Cid.decode(withTrailer));
    assertThat(e.reason()).isEqualTo("invalid-cid");
    assertThat(e.getMessage()).contains("1 bytes after the end of the CID");
    assertThat(Cid.tryParse(Multibase.BASE32.encode(withTrailer))).isEmpty();

    byte[] section = Hex.decode("ffff" + EXAMPLE_HEX + "a0");
    assertThat(Cid.read(section, 2)).isEqualTo(new Cid.Read(Cid.parse(EXAMPLE), 36));
    byte[] v0Section = Hex.decode("00" + Hex.encode(Cid.parse(V0).bytes()) + "0a0b");
    assertThat(Cid.read(v0Section, 1)).isEqualTo(new Cid.Read(Cid.parse(V0), 34));
  }

  @ParameterizedTest(name = "hex ''{0}''")
  @ValueSource(
      strings = {
        "",
        "01",
        "0171",
        "017112",
        "01711220",
        "01711220 69ea0740",
        "1220 22ad63",
        "01711221 69ea0740f9807a28f4d932c62e7c1c83be055e55072c90266ab3e79df63a365b00",
        "0171 8100 20",
      })
  void truncatedOrMalformedBinaryIsInvalidCid(String hex) {
    byte[] bytes = Hex.decode(hex);

    BadInputException e = catchThrowableOfType(BadInputException.class, () -> Cid.decode(bytes));

    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo("invalid-cid");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "",
        "hello",
        "QmRgutAxd8t7oGkSm4wmeuByG6M51wcTso6cubDdQtuEf",
        "QmRgutAxd8t7oGkSm4wmeuByG6M51wcTso6cubDdQtuEf0",
        "bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwl",
        "bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwl1",
        "!afyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwlm",
      })
  void malformedTextIsInvalidCidAndTryParseIsEmpty(String text) {
    BadInputException e = catchThrowableOfType(BadInputException.class, () -> Cid.parse(text));

    assertThat(e.reason()).isEqualTo("invalid-cid");
    assertThat(Cid.tryParse(text)).isEmpty();
  }

  @Test
  void tryParseGivesTheParsedCidAndToleratesNull() {
    assertThat(Cid.tryParse(EXAMPLE)).contains(Cid.parse(EXAMPLE));
    assertThat(Cid.tryParse(null)).isEmpty();
  }

  @Test
  void aWrappedErrorKeepsTheTextAndTheCause() {
    BadInputException e =
        catchThrowableOfType(
            BadInputException.class,
            () -> Cid.parse("bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwl1"));

    assertThat(e.getMessage())
        .contains("bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwl1");
    assertThat(e.getCause()).isInstanceOf(BadInputException.class);
    assertThat(((BadInputException) e.getCause()).reason()).isEqualTo("invalid-multibase");
  }

  @Test
  void matchesHashesTheBlockWithTheCidsOwnFunction() {
    byte[] block = "hello".getBytes(StandardCharsets.US_ASCII);
    byte[] other = block.clone();
    other[0] ^= 1;

    assertThat(Cid.raw(block).matches(block)).isTrue();
    assertThat(Cid.raw(block).matches(other)).isFalse();
    assertThat(Cid.parse(V0).matches(block)).isFalse();

    Cid identity = Cid.parse("bafkqabiaaebagba");
    assertThat(identity.multihash().function()).isEqualTo(Multicodec.IDENTITY);
    assertThat(identity.matches(Hex.decode("0001020304"))).isTrue();
    assertThat(identity.matches(Hex.decode("00010203"))).isFalse();
    assertThat(identity.matches(Hex.decode("000102030405"))).isFalse();
  }

  @Test
  void matchesRefusesAHashFunctionWeDoNotImplement() {
    Cid foreign = Cid.parse("baf4bcfgio3hovkftaer3yx6jsnm6navhg4yimwi");

    assertThat(foreign.multihash().isSupported()).isFalse();
    BadInputException e =
        catchThrowableOfType(BadInputException.class, () -> foreign.matches(new byte[1]));
    assertThat(e.reason()).isEqualTo("unsupported-hash");
    assertThat(e.getMessage()).contains(foreign.multihash().function().name());
  }

  @Test
  void equalsHashCodeAndCompareToAgree() throws IOException {
    List<Cid> cids = new ArrayList<>(arrayOf().map(Cid::parse).toList());
    cids.add(Cid.parse(V0).toV1());
    List<Cid> copies = cids.stream().map(c -> Cid.decode(c.bytes())).toList();

    for (int i = 0; i < cids.size(); i++) {
      Cid a = cids.get(i);
      assertThat(copies.get(i)).isEqualTo(a).hasSameHashCodeAs(a).isNotSameAs(a);
      assertThat(copies.get(i).compareTo(a)).isZero();
      for (Cid b : cids) {
        assertThat(a.equals(b)).isEqualTo(a.compareTo(b) == 0);
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
        assertThat(Integer.signum(a.compareTo(b)))
            .isEqualTo(Integer.signum(Arrays.compareUnsigned(a.bytes(), b.bytes())));
      }
    }
    assertThat(new TreeSet<>(cids)).hasSameSizeAs(new HashSet<>(cids));
    assertThat(new HashSet<>(copies)).isEqualTo(new HashSet<>(cids));
  }

  @Test
  void ordersUnsignedSoHighBytesSortLast() {
    Cid low = Cid.v1(new Multicodec(0x01), Multihash.identity(new byte[] {1}));
    Cid high = Cid.v1(new Multicodec(0x80), Multihash.identity(new byte[] {1}));

    assertThat(low.compareTo(high)).isNegative();
    assertThat(high.bytes()[1]).isEqualTo((byte) 0x80);
  }

  @Test
  void bytesIsACopy() {
    Cid cid = Cid.parse(EXAMPLE);
    cid.bytes()[0] = 9;

    assertThat(cid.bytes()).isEqualTo(Hex.decode(EXAMPLE_HEX));
  }

  @Test
  void aCidV0MustBeSha256() {
    BadInputException e =
        catchThrowableOfType(
            BadInputException.class, () -> Cid.v0(Multihash.identity(new byte[] {1})));

    assertThat(e.reason()).isEqualTo("invalid-cid");
  }

  private static JsonNode dagJson(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      Path file = files.filter(f -> f.toString().endsWith(".dag-json")).findFirst().orElseThrow();
      return new ObjectMapper().readTree(file.toFile());
    }
  }
}
