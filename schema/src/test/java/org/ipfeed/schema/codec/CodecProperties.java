package org.ipfeed.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.testing.IpldArbitraries;

/** Properties of the two codecs over random IPLD values and random damage to valid blocks. */
class CodecProperties {

  @Provide
  Arbitrary<Ipld> values() {
    return IpldArbitraries.values(4);
  }

  @Property(tries = 2000)
  void dagCborRoundTrips(@ForAll("values") Ipld value) {
    byte[] bytes = DagCbor.encode(value);
    assertThat(DagCbor.decode(bytes)).isEqualTo(value);
  }

  @Property(tries = 2000)
  void dagJsonRoundTrips(@ForAll("values") Ipld value) {
    byte[] bytes = DagJson.encode(value);
    assertThat(DagJson.decode(bytes)).isEqualTo(value);
  }

  @Property(tries = 2000)
  void convertingThroughTheOtherCodecChangesNoByte(@ForAll("values") Ipld value) {
    byte[] cbor = DagCbor.encode(value);
    byte[] json = DagJson.encode(value);
    assertThat(DagCbor.encode(DagJson.decode(json))).isEqualTo(cbor);
    assertThat(DagJson.encode(DagCbor.decode(cbor))).isEqualTo(json);
  }

  @Provide
  Arbitrary<Damage> damage() {
    return Arbitraries.integers()
        .between(0, Integer.MAX_VALUE)
        .tuple3()
        .map(t -> new Damage(t.get1(), t.get2(), t.get3()));
  }

  /**
   * A damaged block either fails with the codec's own error or, if it still decodes, is itself
   * canonical: strictness means no other outcome exists.
   */
  @Property(tries = 5000)
  void damagedDagCborFailsOnlyWithCodecException(
      @ForAll("values") Ipld value, @ForAll("damage") Damage damage) {
    byte[] damaged = damage.apply(DagCbor.encode(value));
    try {
      Ipld decoded = DagCbor.decode(damaged);
      assertThat(DagCbor.encode(decoded)).isEqualTo(damaged);
    } catch (CodecException expected) {
      assertThat(expected.offset()).isBetween(0L, (long) damaged.length);
    }
  }

  @Property(tries = 5000)
  void damagedDagJsonFailsOnlyWithCodecException(
      @ForAll("values") Ipld value, @ForAll("damage") Damage damage) {
    byte[] damaged = damage.apply(DagJson.encode(value));
    try {
      Ipld decoded = DagJson.decode(damaged);
      assertThat(DagJson.encode(decoded)).isEqualTo(damaged);
    } catch (CodecException expected) {
      assertThat(expected.offset()).isBetween(0L, (long) damaged.length);
    }
  }

  /** One of: flip a bit, overwrite a byte, drop a byte, insert a byte, cut the tail. */
  record Damage(int kind, int position, int value) {
    byte[] apply(byte[] in) {
      if (in.length == 0) {
        return new byte[] {(byte) value};
      }
      int at = position % in.length;
      byte[] out;
      switch (kind % 5) {
        case 0:
          out = in.clone();
          out[at] ^= (byte) (1 << (value % 8));
          return out;
        case 1:
          out = in.clone();
          out[at] = (byte) value;
          return out;
        case 2:
          out = new byte[in.length - 1];
          System.arraycopy(in, 0, out, 0, at);
          System.arraycopy(in, at + 1, out, at, in.length - at - 1);
          return out;
        case 3:
          out = new byte[in.length + 1];
          System.arraycopy(in, 0, out, 0, at);
          out[at] = (byte) value;
          System.arraycopy(in, at, out, at + 1, in.length - at);
          return out;
        default:
          return java.util.Arrays.copyOf(in, at);
      }
    }
  }
}
