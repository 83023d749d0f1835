package org.ipfeed.schema.testing;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;

/** jqwik generators for IPLD values of every kind, including the awkward corners. */
public final class IpldArbitraries {

  private IpldArbitraries() {}

  /** Any IPLD value nested up to {@code depth} levels. */
  public static Arbitrary<Ipld> values(int depth) {
    if (depth == 0) {
      return scalars();
    }
    Arbitrary<Ipld> inner = Arbitraries.lazy(() -> values(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, scalars()),
        net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(6).map(l -> (Ipld) new Ipld.List(l))),
        net.jqwik.api.Tuple.of(
            1, Arbitraries.maps(keys(), inner).ofMaxSize(6).map(m -> (Ipld) new Ipld.Map(m))));
  }

  public static Arbitrary<Ipld> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.just(Ipld.NULL),
        Arbitraries.of(true, false).map(b -> (Ipld) Ipld.of(b)),
        integers(),
        bigIntegers(),
        floats(),
        strings().map(s -> (Ipld) Ipld.of(s)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b -> (Ipld) Ipld.bytes(b)),
        cids().map(c -> (Ipld) Ipld.of(c)));
  }

  /** Longs, weighted towards the boundaries where CBOR heads change size. */
  public static Arbitrary<Ipld> integers() {
    return Arbitraries.oneOf(
            Arbitraries.longs(),
            Arbitraries.of(
                0L,
                23L,
                24L,
                255L,
                256L,
                65535L,
                65536L,
                4294967295L,
                4294967296L,
                Long.MAX_VALUE,
                -1L,
                -24L,
                -25L,
                -256L,
                -257L,
                Long.MIN_VALUE))
        .map(l -> (Ipld) Ipld.of(l));
  }

  /** Integers outside the long range that DAG-CBOR can still carry. */
  public static Arbitrary<Ipld> bigIntegers() {
    BigInteger two63 = BigInteger.ONE.shiftLeft(63);
    return Arbitraries.oneOf(
            Arbitraries.bigIntegers().between(two63, Ipld.BigInt.MAX),
            Arbitraries.bigIntegers()
                .between(Ipld.BigInt.MIN, two63.negate().subtract(BigInteger.ONE)))
        .map(Ipld::of);
  }

  /** Finite doubles from every bit pattern, plus the usual suspects. */
  public static Arbitrary<Ipld> floats() {
    return Arbitraries.oneOf(
            Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
            Arbitraries.doubles(),
            Arbitraries.of(
                0.0,
                -0.0,
                1.0,
                -1.0,
                0.5,
                1.1,
                1e21,
                1e-7,
                123456789.0,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                Double.MIN_NORMAL))
        .map(d -> (Ipld) new Ipld.Float(d));
  }

  /** Strings of Unicode scalar values: ASCII, controls, multilingual, astral. */
  public static Arbitrary<String> strings() {
    Arbitrary<Integer> codePoints =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 0x7F),
            Arbitraries.integers().between(0x80, 0xD7FF),
            Arbitraries.integers().between(0xE000, 0x10FFFF));
    return codePoints
        .list()
        .ofMaxSize(24)
        .map(
            cps -> {
              StringBuilder sb = new StringBuilder();
              cps.forEach(sb::appendCodePoint);
              return sb.toString();
            });
  }

  /**
   * Map keys. Never {@code "/"}: DAG-JSON reserves it for links and bytes, so such a map has no
   * DAG-JSON form (the codec refuses it, and its own tests say so).
   */
  private static Arbitrary<String> keys() {
    return Arbitraries.oneOf(strings(), Arbitraries.strings().alpha().ofMaxLength(8))
        .filter(k -> !k.equals("/"));
  }

  /** CIDs of several codecs and both versions. */
  public static Arbitrary<Cid> cids() {
    Arbitrary<byte[]> content = Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
    Arbitrary<Multicodec> codec =
        Arbitraries.of(
            List.of(Multicodec.DAG_CBOR, Multicodec.RAW, Multicodec.DAG_JSON, Multicodec.DAG_PB));
    Arbitrary<Cid> v1 = Combinators.combine(codec, content).as(Cid::of);
    Arbitrary<Cid> v0 = content.map(b -> Cid.v0(Cid.raw(b).multihash()));
    return Arbitraries.oneOf(v1, v0);
  }
}
