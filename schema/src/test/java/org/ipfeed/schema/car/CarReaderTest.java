package org.ipfeed.schema.car;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.ipfeed.schema.codec.CodecException;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Varint;
import org.ipfeed.schema.testing.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading CARs: the ipld/ipld fixtures, and every way the reader must refuse its input. */
class CarReaderTest {

  private static final CarFixture V1 = CarFixture.load("carv1-basic");
  private static final CarFixture V2 = CarFixture.load("carv2-basic");

  private static final byte[] BLOCK = "a block".getBytes(StandardCharsets.UTF_8);
  private static final Cid CID = Cid.raw(BLOCK);

  /** Where the first section starts after a header with no roots. */
  private static final int AFTER_EMPTY_HEADER = 18;

  // ---------------------------------------------------------------------------------------------
  // The fixtures

  @Test
  void readsCarV1BasicAsItsDescriptionSays() throws IOException {
    try (CarReader car = CarReader.open(new ByteArrayInputStream(V1.car()))) {
      assertThat(car.version()).isEqualTo(1).isEqualTo(V1.header().get("version").asInt());
      assertThat(car.roots()).containsExactlyElementsOf(V1.roots()).hasSize(2);

      for (CarFixture.Section section : V1.sections()) {
        CarBlock block = car.next();
        assertThat(block.cid()).isEqualTo(section.cid());
        assertThat(block.bytes()).isEqualTo(V1.block(section));
      }
      assertThat(car.next()).isNull();
      assertThat(car.next()).as("stays at the end").isNull();
    }
  }

  @Test
  void readsCarV2BasicThroughItsPayload() throws IOException {
    try (CarReader car = CarReader.open(new ByteArrayInputStream(V2.car()))) {
      assertThat(car.version()).isEqualTo(2).isEqualTo(V2.header().get("version").asInt());
      assertThat(car.roots()).containsExactlyElementsOf(V2.roots()).hasSize(1);
      assertThat(car.blocks().toList())
          .containsExactlyElementsOf(
              V2.sections().stream().map(s -> new CarBlock(s.cid(), V2.block(s))).toList());
    }
  }

  @Test
  void theFixturesCoverDagPbRawAndDagCborBlocks() {
    Set<String> codecs =
        Stream.concat(V1.sections().stream(), V2.sections().stream())
            .map(s -> s.cid().codec().name())
            .collect(Collectors.toSet());

    assertThat(codecs).containsExactlyInAnyOrder("dag-pb", "raw", "dag-cbor");
    assertThat(V1.sections()).hasSize(8);
    assertThat(V2.sections()).hasSize(5);
  }

  // ---------------------------------------------------------------------------------------------
  // Verification

  static IntStream v1SectionIndexes() {
    return IntStream.range(0, V1.sections().size());
  }

  @ParameterizedTest(name = "block {0}")
  @MethodSource("v1SectionIndexes")
  void aTamperedBlockByteFailsIntegrityNamingTheCid(int index) throws IOException {
    CarFixture.Section tampered = V1.sections().get(index);
    byte[] car = V1.car().clone();
    car[tampered.blockOffset() + tampered.blockLength() / 2] ^= 0x01;

    try (CarReader reader = CarReader.open(new ByteArrayInputStream(car))) {
      for (CarFixture.Section before : V1.sections().subList(0, index)) {
        assertThat(reader.next().cid()).isEqualTo(before.cid());
      }
      IntegrityException e = catchThrowableOfType(IntegrityException.class, reader::next);

      assertThat(e.reason()).isEqualTo("block-mismatch");
      assertThat(e.getMessage())
          .contains(tampered.cid().toString())
          .contains("at byte " + tampered.offset());
      assertThatThrownBy(reader::next)
          .as("nothing after a failure is read")
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aBlockUnderAHashWeCannotComputeIsRefusedNamingTheCid() {
    Cid blake = Cid.parse("baf4bcfgio3hovkftaer3yx6jsnm6navhg4yimwi");

    BadInputException e = failure(car(List.of(), section(blake, BLOCK)));

    assertThat(e.reason()).isEqualTo("unsupported-hash");
    assertThat(e.getMessage())
        .contains(blake.toString())
        .contains(blake.multihash().function().name());
  }

  @Test
  void identityCidsAreCheckedAgainstTheirInlineBytes() throws IOException {
    Cid identity = Cid.parse("bafkqabiaaebagba");
    byte[] inline = Hex.decode("0001020304");

    assertThat(readAll(car(List.of(), section(identity, inline))))
        .containsExactly(new CarBlock(identity, inline));
    assertThat(
            catchThrowableOfType(
                IntegrityException.class,
                () -> readAll(car(List.of(), section(identity, Hex.decode("00010203"))))))
        .hasMessageContaining("bafkqabiaaebagba");
  }

  // ---------------------------------------------------------------------------------------------
  // Truncation

  /**
   * Every prefix of carv1-basic: one that ends between sections is a shorter, valid CAR; any other
   * is truncated. That covers cuts inside a length varint, a header, a CID and a block.
   */
  @Test
  void everyPrefixOfCarV1IsEitherAShorterCarOrTruncated() throws IOException {
    int headerEnd = V1.sections().get(0).offset();
    Set<Integer> boundaries =
        V1.sections().stream().map(CarFixture.Section::end).collect(Collectors.toSet());
    boundaries.add(headerEnd);

    for (int cut = 0; cut < V1.car().length; cut++) {
      byte[] prefix = Arrays.copyOf(V1.car(), cut);
      if (boundaries.contains(cut)) {
        int end = cut;
        assertThat(readAll(prefix))
            .as("cut at %d", cut)
            .map(CarBlock::cid)
            .containsExactlyElementsOf(
                V1.sections().stream().filter(s -> s.end() <= end).map(s -> s.cid()).toList());
      } else {
        assertThat(failure(prefix).reason()).as("cut at %d", cut).isEqualTo("car-truncated");
      }
    }
  }

  /** A CARv2 declares its payload's size, so ending anywhere before the end of it is truncation. */
  @Test
  void everyPrefixOfCarV2ThatCutsThePayloadIsTruncated() throws IOException {
    long dataEnd = V2.header().get("dataOffset").asLong() + V2.header().get("dataSize").asLong();

    for (int cut = 0; cut <= V2.car().length; cut++) {
      byte[] prefix = Arrays.copyOf(V2.car(), cut);
      if (cut < dataEnd) {
        assertThat(failure(prefix).reason()).as("cut at %d", cut).isEqualTo("car-truncated");
      } else {
        assertThat(readAll(prefix)).as("cut at %d", cut).hasSize(V2.sections().size());
      }
    }
  }

  @Test
  void truncationMessagesSayWhere() {
    assertThat(failure(new byte[0])).hasMessageContaining("empty");
    assertThat(failure(Arrays.copyOf(V1.car(), 50)))
        .hasMessageContaining("CAR header at byte 0 needs 99 bytes but only 49 follow");
    assertThat(failure(Arrays.copyOf(V1.car(), 150)))
        .hasMessageContaining("CAR section at byte 100 needs 91 bytes but only 49 follow");
  }

  // ---------------------------------------------------------------------------------------------
  // Lengths and limits

  @ParameterizedTest(name = "header length {0}")
  @ValueSource(strings = {"818040", "ffffffff0f", "ffffffffffffffff7f"})
  void aHeaderClaimingAHugeLengthIsRefusedBeforeAnyAllocation(String varint) {
    BadInputException e = failure(Hex.decode(varint + "a265726f6f7473"));

    assertThat(e.reason()).isEqualTo("car-header-too-large");
    assertThat(e.getMessage())
        .contains("claims " + Varint.read(Hex.decode(varint), 0).value() + " bytes")
        .contains("limit is " + CarReader.Limits.DEFAULT.maxHeaderBytes());
  }

  @Test
  void aHeaderOfExactlyTheLimitIsAllowed() {
    // 1 MiB exactly: not too large, so the reader goes on and finds the stream short
    assertThat(failure(Hex.decode("808040 a0")).reason()).isEqualTo("car-truncated");
  }

  @ParameterizedTest(name = "section length {0}")
  @ValueSource(strings = {"81808040", "ffffffff0f", "ffffffffffffffff7f"})
  void aSectionClaimingAHugeLengthIsRefusedBeforeAnyAllocation(String varint) {
    BadInputException e = failure(concat(car(List.of()), Hex.decode(varint), CID.bytes(), BLOCK));

    assertThat(e.reason()).isEqualTo("car-section-too-large");
    assertThat(e.getMessage()).contains("at byte " + AFTER_EMPTY_HEADER);
  }

  @Test
  void limitsAreExactAndConfigurable() throws IOException {
    // carv1-basic: a 99-byte header; its largest section, at byte 192, holds 131 bytes after a
    // two-byte length
    assertThat(readAll(V1.car(), new CarReader.Limits(99, 131))).hasSize(8);

    BadInputException header = failure(V1.car(), new CarReader.Limits(98, 131));
    assertThat(header.reason()).isEqualTo("car-header-too-large");

    BadInputException section = failure(V1.car(), new CarReader.Limits(99, 130));
    assertThat(section.reason()).isEqualTo("car-section-too-large");
    assertThat(section.getMessage()).contains("at byte 192").contains("claims 131 bytes");

    assertThatThrownBy(() -> new CarReader.Limits(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBlockOfTheDefaultLimitIsRead() throws IOException {
    byte[] block = new byte[1 << 20];
    block[0] = 1;
    Cid cid = Cid.raw(block);

    assertThat(readAll(car(List.of(cid), section(cid, block))))
        .containsExactly(new CarBlock(cid, block));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"8100", "ffffffffffffffffff01"})
  void aMalformedSectionLengthIsAnInvalidVarint(String varint) {
    BadInputException e = failure(concat(car(List.of()), Hex.decode(varint)));

    assertThat(e.reason()).isEqualTo("invalid-varint");
    assertThat(e.getMessage()).startsWith("CAR section length at byte " + AFTER_EMPTY_HEADER);
  }

  @Test
  void aHeaderLengthOfMoreThanNineBytesIsAnInvalidVarint() {
    assertThat(failure(Hex.decode("ffffffffffffffffff01")).reason()).isEqualTo("invalid-varint");
  }

  @Test
  void aSectionOfLengthZeroIsRefused() {
    BadInputException e = failure(concat(car(List.of()), Hex.decode("00"), section(CID, BLOCK)));

    assertThat(e.reason()).isEqualTo("car-empty-section");
    assertThat(e.getMessage()).contains("at byte " + AFTER_EMPTY_HEADER);
  }

  @Test
  void aSectionWithAnInvalidCidIsRefusedSayingWhere() {
    byte[] v2Cid = CID.bytes();
    v2Cid[0] = 2;

    BadInputException e = failure(concat(car(List.of()), withLength(concat(v2Cid, BLOCK))));

    assertThat(e.reason()).isEqualTo("invalid-cid");
    assertThat(e.getMessage())
        .contains("at byte " + AFTER_EMPTY_HEADER)
        .contains("unsupported CID version 2");
  }

  @Test
  void anEmptyBlockIsAValidSection() throws IOException {
    Cid empty = Cid.raw(new byte[0]);

    assertThat(readAll(car(List.of(empty), section(empty, new byte[0]))))
        .containsExactly(new CarBlock(empty, new byte[0]));
  }

  // ---------------------------------------------------------------------------------------------
  // The header

  @Test
  void aHeaderWithNoRootsIsAccepted() throws IOException {
    assertThat(car(List.of())).hasSize(AFTER_EMPTY_HEADER);
    try (CarReader car = CarReader.open(new ByteArrayInputStream(car(List.of())))) {
      assertThat(car.roots()).isEmpty();
      assertThat(car.next()).isNull();
    }
  }

  static Stream<Arguments> badHeaders() {
    Ipld.List roots = Ipld.list(Ipld.of(CID));
    return Stream.of(
        bad("missing roots", Ipld.map().put("version", 1).build(), "invalid-car-header"),
        bad("missing version", Ipld.map().put("roots", roots).build(), "invalid-car-header"),
        bad(
            "version as a string",
            Ipld.map().put("roots", roots).put("version", "1").build(),
            "invalid-car-header"),
        bad(
            "roots not a list",
            Ipld.map().put("roots", CID).put("version", 1).build(),
            "invalid-car-header"),
        bad(
            "a root that is not a link",
            Ipld.map().put("roots", Ipld.list(Ipld.of(CID.toString()))).put("version", 1).build(),
            "invalid-car-header"),
        bad(
            "an extra key",
            Ipld.map().put("roots", roots).put("version", 1).put("note", "hi").build(),
            "invalid-car-header"),
        bad("not a map", Ipld.list(Ipld.of(1), roots), "invalid-car-header"),
        bad(
            "version 2 outside the pragma",
            Ipld.map().put("roots", roots).put("version", 2).build(),
            "unsupported-car-version"),
        bad(
            "version 3",
            Ipld.map().put("roots", roots).put("version", 3).build(),
            "unsupported-car-version"),
        bad(
            "version 0",
            Ipld.map().put("roots", roots).put("version", 0).build(),
            "unsupported-car-version"),
        bad(
            "version 2^64-1",
            Ipld.map().put("roots", roots).put("version", Ipld.of(Ipld.BigInt.MAX)).build(),
            "unsupported-car-version"));
  }

  private static Arguments bad(String name, Ipld header, String reason) {
    return Arguments.of(name, DagCbor.encode(header), reason);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badHeaders")
  void aHeaderThatIsNotExactlyRootsAndVersionOneIsRefused(
      String name, byte[] header, String reason) {
    BadInputException e = failure(concat(withLength(header), section(CID, BLOCK)));

    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.getMessage()).isNotBlank();
  }

  @Test
  void versionMessagesSayWhatIsWrong() {
    Ipld.List roots = Ipld.list(Ipld.of(CID));

    assertThat(
            failure(
                withLength(
                    DagCbor.encode(Ipld.map().put("roots", roots).put("version", 2).build()))))
        .hasMessageContaining("not the CARv2 pragma");
    assertThat(
            failure(
                withLength(
                    DagCbor.encode(Ipld.map().put("roots", roots).put("version", 3).build()))))
        .hasMessageContaining("CAR version 3 is not supported");
    assertThat(failure(withLength(DagCbor.encode(Ipld.map().put("version", 1).build()))))
        .hasMessageContaining("CAR header at byte 0 has no roots");
  }

  @Test
  void aHeaderInNonCanonicalDagCborIsRefusedWithTheCodecErrorAsCause() {
    // {version: 1, roots: []}: the keys in the wrong order
    byte[] header = Hex.decode("a2 6776657273696f6e 01 65726f6f7473 80");

    BadInputException e = failure(withLength(header));

    assertThat(e.reason()).isEqualTo("invalid-car-header");
    assertThat(e.getCause()).isInstanceOf(CodecException.class);
    assertThat(((CodecException) e.getCause()).reason()).isEqualTo("map-key-order");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"00", "01 a0", "02 a0 00", "01 ff"})
  void aHeaderOfLengthZeroOrNotDagCborIsRefused(String hex) {
    assertThat(failure(Hex.decode(hex)).reason()).isEqualTo("invalid-car-header");
  }

  // ---------------------------------------------------------------------------------------------
  // CARv2

  private static final byte[] PRAGMA = Hex.decode("0aa16776657273696f6e02");

  @Test
  void aCarV2WithPaddingAndAnIndexReadsOnlyItsPayload() throws IOException {
    byte[] payload = car(List.of(CID), section(CID, BLOCK));
    byte[] padding = new byte[13];
    byte[] index = "not an index we read".getBytes(StandardCharsets.UTF_8);
    long dataOffset = 51 + padding.length;

    byte[] v2 =
        concat(
            PRAGMA,
            v2Header(dataOffset, payload.length, dataOffset + payload.length),
            padding,
            payload,
            index);

    try (CarReader car = CarReader.open(new ByteArrayInputStream(v2))) {
      assertThat(car.version()).isEqualTo(2);
      assertThat(car.roots()).containsExactly(CID);
      assertThat(car.blocks().toList()).containsExactly(new CarBlock(CID, BLOCK));
    }
  }

  @Test
  void aCarV2PayloadEndsWhereItsSizeSays() throws IOException {
    byte[] first = section(CID, BLOCK);
    byte[] payload = concat(car(List.of()), first, section(CID, BLOCK));
    int shorter = payload.length - first.length;

    byte[] v2 = concat(PRAGMA, v2Header(51, shorter, 0), payload);

    assertThat(readAll(v2)).hasSize(1);
    BadInputException cut = failure(concat(PRAGMA, v2Header(51, shorter - 1, 0), payload));
    assertThat(cut.reason()).isEqualTo("car-truncated");
  }

  static Stream<Arguments> badV2Headers() {
    long huge = -1L; // 2^64 - 1 as a uint64
    return Stream.of(
        Arguments.of("data offset inside the header", 50L, 100L, "invalid-carv2-header"),
        Arguments.of("data offset of 2^64-1", huge, 100L, "invalid-carv2-header"),
        Arguments.of("data size 0", 51L, 0L, "invalid-carv2-header"),
        Arguments.of("data size of 2^64-1", 51L, huge, "invalid-carv2-header"),
        Arguments.of(
            "offset plus size overflows", Long.MAX_VALUE - 10, 100L, "invalid-carv2-header"),
        Arguments.of("data offset past the end", 1000L, 100L, "car-truncated"),
        Arguments.of("data size past the end", 51L, 1000L, "car-truncated"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badV2Headers")
  void aCarV2WithAnImpossibleLayoutIsRefused(
      String name, long dataOffset, long dataSize, String reason) {
    byte[] payload = car(List.of(CID), section(CID, BLOCK));

    BadInputException e = failure(concat(PRAGMA, v2Header(dataOffset, dataSize, 0), payload));

    assertThat(e.reason()).isEqualTo(reason);
  }

  @Test
  void aCarV2MustHoldACarV1() {
    byte[] nested = concat(PRAGMA, v2Header(51, 51, 0));
    byte[] v3 =
        withLength(DagCbor.encode(Ipld.map().put("roots", Ipld.list()).put("version", 3).build()));

    BadInputException twice = failure(concat(PRAGMA, v2Header(51, nested.length, 0), nested));
    BadInputException three = failure(concat(PRAGMA, v2Header(51, v3.length, 0), v3));

    assertThat(twice.reason()).isEqualTo("unsupported-car-version");
    assertThat(twice.getMessage()).contains("must be a CARv1").contains("at byte 51");
    assertThat(three.reason()).isEqualTo("unsupported-car-version");
  }

  // ---------------------------------------------------------------------------------------------
  // Streaming

  /**
   * The stream behind the first block throws if touched: reading the header and the first block
   * must not read ahead, and the second block is only read when asked for.
   */
  @Test
  void readsOnlyTheSectionItReturns() throws IOException {
    byte[] second = new byte[100_000];
    Cid secondCid = Cid.raw(second);
    byte[] head = concat(car(List.of(CID)), section(CID, BLOCK));
    byte[] tail = section(secondCid, second);
    CountingInputStream counted =
        new CountingInputStream(
            new SequenceInputStream(
                new ByteArrayInputStream(head),
                new TripwireInputStream(new ByteArrayInputStream(tail))));

    try (CarReader car = CarReader.open(counted)) {
      assertThat(counted.count).isEqualTo(car(List.of(CID)).length);
      assertThat(car.next()).isEqualTo(new CarBlock(CID, BLOCK));
      assertThat(counted.count).isEqualTo(head.length);

      IOException e = catchThrowableOfType(IOException.class, car::next);
      assertThat(e).hasMessage("read past the first block");
    }
  }

  /** The stream of blocks pulls one section per element, from a source produced as it is read. */
  @Test
  void blocksIsLazyAndRunsToTheEnd() throws IOException {
    int blocks = 500;
    byte[] block = new byte[16 * 1024];
    Cid cid = Cid.raw(block);
    byte[] one = section(cid, block);
    InputStream endless =
        new SequenceInputStream(
            new ByteArrayInputStream(car(List.of(cid))), new RepeatingInputStream(one, blocks));

    try (CarReader car = CarReader.open(endless)) {
      assertThat(car.blocks().limit(3).map(CarBlock::cid)).containsOnly(cid);
      assertThat(car.blocks().count()).isEqualTo(blocks - 3);
    }
  }

  @Test
  void theStreamWrapsIoErrorsAndCloseClosesTheInput() throws IOException {
    CountingInputStream broken =
        new CountingInputStream(
            new SequenceInputStream(
                new ByteArrayInputStream(car(List.of())),
                new TripwireInputStream(new ByteArrayInputStream(new byte[0]))));
    CarReader car = CarReader.open(broken);

    assertThatThrownBy(() -> car.blocks().toList())
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("read past the first block");
    car.close();
    assertThat(broken.closed).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  static List<CarBlock> readAll(byte[] car) throws IOException {
    return readAll(car, CarReader.Limits.DEFAULT);
  }

  static List<CarBlock> readAll(byte[] car, CarReader.Limits limits) throws IOException {
    try (CarReader reader = CarReader.open(new ByteArrayInputStream(car), limits)) {
      List<CarBlock> out = new ArrayList<>();
      for (CarBlock block = reader.next(); block != null; block = reader.next()) {
        out.add(block);
      }
      return out;
    }
  }

  static BadInputException failure(byte[] car) {
    return failure(car, CarReader.Limits.DEFAULT);
  }

  static BadInputException failure(byte[] car, CarReader.Limits limits) {
    BadInputException e = catchThrowableOfType(BadInputException.class, () -> readAll(car, limits));
    assertThat(e).as("reading should fail").isNotNull();
    return e;
  }

  /** A CARv1 with these roots and sections. */
  static byte[] car(List<Cid> roots, byte[]... sections) {
    return concat(withLength(CarWriter.header(roots)), concat(sections));
  }

  static byte[] section(Cid cid, byte[] block) {
    return withLength(concat(cid.bytes(), block));
  }

  static byte[] withLength(byte[] body) {
    return concat(Varint.encode(body.length), body);
  }

  static byte[] v2Header(long dataOffset, long dataSize, long indexOffset) {
    return ByteBuffer.allocate(40)
        .order(ByteOrder.LITTLE_ENDIAN)
        .position(16)
        .putLong(dataOffset)
        .putLong(dataSize)
        .putLong(indexOffset)
        .array();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Counts the bytes taken from the stream it wraps. */
  static final class CountingInputStream extends InputStream {
    private final InputStream in;
    long count;
    boolean closed;

    CountingInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      count += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      count += Math.max(n, 0);
      return n;
    }

    @Override
    public void close() throws IOException {
      closed = true;
      in.close();
    }
  }

  /** Fails any read: what lies behind it must not be needed yet. */
  static final class TripwireInputStream extends InputStream {
    private final InputStream in;

    TripwireInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      throw new IOException("read past the first block");
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      throw new IOException("read past the first block");
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** The same bytes {@code times} times over, produced as they are read. */
  static final class RepeatingInputStream extends InputStream {
    private final byte[] unit;
    private long remaining;

    RepeatingInputStream(byte[] unit, int times) {
      this.unit = unit;
      this.remaining = (long) unit.length * times;
    }

    @Override
    public int read() {
      if (remaining == 0) {
        return -1;
      }
      int at = (int) (remaining-- % unit.length);
      return unit[(unit.length - at) % unit.length] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      if (remaining == 0) {
        return -1;
      }
      int at = (int) ((unit.length - remaining % unit.length) % unit.length);
      int n = (int) Math.min(Math.min(length, unit.length - at), remaining);
      System.arraycopy(unit, at, buffer, offset, n);
      remaining -= n;
      return n;
    }
  }
}
