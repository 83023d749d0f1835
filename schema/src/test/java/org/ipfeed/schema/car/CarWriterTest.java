package org.ipfeed.schema.car;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.schema.multiformats.Multihash;
import org.ipfeed.schema.testing.Hex;
import org.junit.jupiter.api.Test;

/** Writing CARs: byte-exact against the fixture, streaming, and read back unchanged. */
class CarWriterTest {

  private static final CarFixture V1 = CarFixture.load("carv1-basic");
  private static final CarFixture V2 = CarFixture.load("carv2-basic");

  @Test
  void rewritingCarV1BasicGivesTheSameBytes() throws IOException {
    assertThat(rewrite(V1.car())).isEqualTo(V1.car());
  }

  @Test
  void rewritingCarV2BasicGivesItsPayload() throws IOException {
    int from = V2.header().get("dataOffset").asInt();
    int to = from + V2.header().get("dataSize").asInt();

    assertThat(rewrite(V2.car())).isEqualTo(Arrays.copyOfRange(V2.car(), from, to));
  }

  @Test
  void theHeaderIsRootsThenVersionInDagCbor() {
    assertThat(CarWriter.header(V1.roots()))
        .isEqualTo(Arrays.copyOfRange(V1.car(), 1, V1.sections().get(0).offset()));
    // {roots: [], version: 1}: "roots" sorts first, being shorter
    assertThat(CarWriter.header(List.of()))
        .isEqualTo(Hex.decode("a2 65 726f6f7473 80 67 76657273696f6e 01"));
  }

  /** Each call reaches the stream at once: the writer holds no CAR, not even a section. */
  @Test
  void writesStraightThroughToTheStream() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] block = new byte[300];
    Cid cid = Cid.raw(block);

    CarWriter car = CarWriter.open(out, List.of(cid));
    int header = out.size();
    assertThat(header).isEqualTo(1 + CarWriter.header(List.of(cid)).length);

    car.write(cid, block);
    assertThat(out.size()).isEqualTo(header + 2 + 36 + 300);

    car.write(new CarBlock(cid, block));
    assertThat(out.size()).isEqualTo(header + 2 * (2 + 36 + 300));
  }

  @Test
  void closeClosesTheStreamAndFlushFlushesIt() throws IOException {
    boolean[] flushedAndClosed = new boolean[2];
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) {}

          @Override
          public void flush() {
            flushedAndClosed[0] = true;
          }

          @Override
          public void close() {
            flushedAndClosed[1] = true;
          }
        };

    try (CarWriter car = CarWriter.open(out, List.of())) {
      car.flush();
    }

    assertThat(flushedAndClosed).containsExactly(true, true);
  }

  /**
   * Generated CARs of every shape, fixed seed: no roots or several, blocks empty or large, CIDv0,
   * CIDv1 under dag-cbor, raw and dag-pb, identity CIDs. What is written reads back equal.
   */
  @Test
  void generatedCarsRoundTrip() throws IOException {
    Random random = new Random(42);
    for (int round = 0; round < 50; round++) {
      List<CarBlock> blocks = new ArrayList<>();
      int count = random.nextInt(12);
      for (int i = 0; i < count; i++) {
        blocks.add(randomBlock(random));
      }
      List<Cid> roots = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        roots.add(blocks.isEmpty() ? Cid.raw(new byte[] {(byte) i}) : blocks.get(0).cid());
      }

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (CarWriter car = CarWriter.open(out, roots)) {
        for (CarBlock block : blocks) {
          car.write(block);
        }
      }

      try (CarReader car = CarReader.open(new ByteArrayInputStream(out.toByteArray()))) {
        assertThat(car.version()).isEqualTo(1);
        assertThat(car.roots()).isEqualTo(roots);
        assertThat(car.blocks().toList()).as("round %d", round).isEqualTo(blocks);
      }
    }
  }

  private static CarBlock randomBlock(Random random) {
    int kind = random.nextInt(5);
    byte[] bytes = new byte[kind == 4 ? random.nextInt(40) : sizes(random)];
    random.nextBytes(bytes);
    if (kind == 0) {
      byte[] cbor =
          DagCbor.encode(
              Ipld.map().put("n", random.nextLong()).put("b", Ipld.bytes(bytes)).build());
      return new CarBlock(Cid.dagCbor(cbor), cbor);
    }
    if (kind == 1) {
      return new CarBlock(Cid.raw(bytes), bytes);
    }
    if (kind == 2) {
      return new CarBlock(Cid.v0(Multihash.sha256(bytes)), bytes);
    }
    if (kind == 3) {
      return new CarBlock(Cid.v1(Multicodec.DAG_PB, Multihash.sha256(bytes)), bytes);
    }
    return new CarBlock(Cid.v1(Multicodec.RAW, Multihash.identity(bytes)), bytes);
  }

  /** Mostly small blocks, some empty, a few near the default limit. */
  private static int sizes(Random random) {
    int pick = random.nextInt(20);
    if (pick == 0) {
      return 0;
    }
    if (pick == 1) {
      return (1 << 20) - random.nextInt(1000);
    }
    return random.nextInt(pick < 10 ? 200 : 70_000);
  }

  private static byte[] rewrite(byte[] in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CarReader reader = CarReader.open(new ByteArrayInputStream(in));
        CarWriter writer = CarWriter.open(out, reader.roots())) {
      for (CarBlock block = reader.next(); block != null; block = reader.next()) {
        writer.write(block);
      }
    }
    return out.toByteArray();
  }
}
