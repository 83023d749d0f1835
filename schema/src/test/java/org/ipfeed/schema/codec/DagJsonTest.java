package org.ipfeed.schema.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multihash;
import org.ipfeed.schema.testing.Hex;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DAG-JSON rules one at a time. JSON text is written with {@code '} for {@code "} where that
 * keeps it readable ({@link #json}).
 */
class DagJsonTest {

  private static final String CID_V1 =
      "bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua";
  private static final String CID_V0 = "QmRgutAxd8t7oGkSm4wmeuByG6M51wcTso6cubDdQtuEfL";

  @Test
  void reproducesTheWorkedExampleOfTheRules() {
    Ipld.Map post =
        Ipld.map()
            .put("text", "hi")
            .put("author", "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw")
            .put("createdAt", "2024-01-01T00:00:00Z")
            .build();

    byte[] json = DagJson.encode(post);

    assertThat(new String(json, UTF_8))
        .isEqualTo(
            json(
                "{'author':'did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw',"
                    + "'createdAt':'2024-01-01T00:00:00Z','text':'hi'}"));
    assertThat(DagJson.cid(json))
        .hasToString("baguqeerawlzpoxshefc5qqdum7bzofcbrsmtgffs7iw46gco574ohek4sxsq");
    Cid cborCid = DagCbor.cid(DagCbor.encode(DagJson.decode(json)));
    assertThat(cborCid).hasToString("bafyreibmooz3mjsvdrpfquzbdol2xqy2r6frwfbq35yxf755de7uclm4yi");
    assertThat(roundTrips(json("{'prev':{'/':'" + cborCid + "'}}")))
        .isEqualTo(Ipld.map().put("prev", cborCid).build());
  }

  @Test
  void writesEveryKind() {
    Ipld value =
        Ipld.list(
            Ipld.NULL,
            Ipld.TRUE,
            Ipld.FALSE,
            Ipld.of(-7),
            Ipld.of(BigInteger.TWO.pow(64).subtract(BigInteger.ONE)),
            new Ipld.Float(2.5),
            Ipld.of("s"),
            Ipld.bytes(new byte[] {1, 2, 3}),
            Ipld.bytes(new byte[0]),
            Ipld.of(Cid.parse(CID_V1)),
            Ipld.of(Cid.parse(CID_V0)),
            Ipld.list(),
            Ipld.map().build());

    assertThat(new String(DagJson.encode(value), UTF_8))
        .isEqualTo(
            json(
                "[null,true,false,-7,18446744073709551615,2.5,'s',{'/':{'bytes':'AQID'}},"
                    + "{'/':{'bytes':''}},{'/':'"
                    + CID_V1
                    + "'},{'/':'"
                    + CID_V0
                    + "'},[],{}]"));
    assertThat(DagJson.decode(DagJson.encode(value))).isEqualTo(value);
  }

  @Test
  void reportsOffsetsWithinTheDecodedRange() {
    byte[] framed = "xx[1]]yy".getBytes(UTF_8);

    CodecException e =
        catchThrowableOfType(CodecException.class, () -> DagJson.decode(framed, 2, 4));

    assertThat(e.rule()).isEqualTo(CodecRule.TRAILING_BYTES);
    assertThat(e.offset()).isEqualTo(3);
    assertThat(DagJson.decode(framed, 2, 3)).isEqualTo(Ipld.list(Ipld.of(1)));
  }

  @Nested
  class Strings {

    static Stream<Arguments> canonical() {
      return Stream.of(
          Arguments.of("plain", "\"plain\""),
          Arguments.of("quote \" backslash \\", "\"quote \\\" backslash \\\\\""),
          Arguments.of("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\""),
          Arguments.of("\u0000\u0001\u000b\u001f", "\"\\u0000\\u0001\\u000b\\u001f\""),
          Arguments.of("\u007f / \u2028", "\"\u007f / \u2028\""),
          Arguments.of("水 Čaues 😀 \uffff", "\"水 Čaues 😀 \uffff\""));
    }

    @ParameterizedTest
    @MethodSource("canonical")
    void escapesOnlyWhatJsonStringifyEscapes(String value, String text) {
      assertThat(new String(DagJson.encode(Ipld.of(value)), UTF_8)).isEqualTo(text);
      assertThat(roundTrips(text)).isEqualTo(Ipld.of(value));
    }

    @Test
    void writesNonAsciiAsRawUtf8() {
      assertThat(DagJson.encode(Ipld.of("水"))).isEqualTo(Hex.decode("22 e6b0b4 22"));
      assertThat(DagJson.encode(Ipld.of("😀"))).isEqualTo(Hex.decode("22 f09f9880 22"));
    }

    static Stream<Arguments> rejected() {
      return Stream.of(
          Arguments.of("\"a\\/b\"", CodecRule.NON_CANONICAL, 2),
          Arguments.of("\"\\u0041\"", CodecRule.NON_CANONICAL, 1),
          Arguments.of("\"\\u00e9\"", CodecRule.NON_CANONICAL, 1),
          Arguments.of("\"\\u000a\"", CodecRule.NON_CANONICAL, 1),
          Arguments.of("\"\\u0022\"", CodecRule.NON_CANONICAL, 1),
          Arguments.of("\"x\\u001F\"", CodecRule.NON_CANONICAL, 2),
          Arguments.of("\"\\ud83d\\ude00\"", CodecRule.NON_CANONICAL, 1),
          Arguments.of("\"\\ud800\"", CodecRule.NON_CANONICAL, 1),
          Arguments.of("\"\\x41\"", CodecRule.JSON_SYNTAX, 1),
          Arguments.of("\"\\'\"", CodecRule.JSON_SYNTAX, 1),
          Arguments.of("\"\\u00zz\"", CodecRule.JSON_SYNTAX, 1),
          Arguments.of("\"a\nb\"", CodecRule.JSON_SYNTAX, 2),
          Arguments.of("\"\u0001\"", CodecRule.JSON_SYNTAX, 1),
          Arguments.of("\"abc", CodecRule.UNEXPECTED_END, 0),
          Arguments.of("[\"abc\\", CodecRule.UNEXPECTED_END, 1),
          Arguments.of("\"\\u00", CodecRule.UNEXPECTED_END, 0),
          Arguments.of("'abc'", CodecRule.JSON_SYNTAX, 0));
    }

    @ParameterizedTest(name = "{0} is {1} at {2}")
    @MethodSource("rejected")
    void refusesNonCanonicalAndInvalidEscapes(String text, CodecRule rule, int offset) {
      assertRejected(text, rule, offset);
    }

    @Test
    void namesTheCanonicalSpelling() {
      assertThat(assertRejected("\"\\u000a\"", CodecRule.NON_CANONICAL, 1))
          .hasMessageContaining("\\u000a is written \\n");
      assertThat(assertRejected("\"\\u001F\"", CodecRule.NON_CANONICAL, 1))
          .hasMessageContaining("\\u001F is written \\u001f");
      assertThat(assertRejected("\"\\u0022\"", CodecRule.NON_CANONICAL, 1))
          .hasMessageContaining("\\u0022 is written \\\"");
      assertThat(assertRejected("1.50", CodecRule.NON_CANONICAL, 0))
          .hasMessageContaining("written 1.5");
    }

    @Test
    void refusesInvalidUtf8AtTheFirstBadByte() {
      assertRejected(Hex.decode("22 ff 22"), CodecRule.INVALID_UTF8, 1); // never valid
      assertRejected(Hex.decode("22 61 c0af 22"), CodecRule.INVALID_UTF8, 2); // overlong '/'
      assertRejected(Hex.decode("22 eda080 22"), CodecRule.INVALID_UTF8, 1); // a surrogate
      assertRejected(Hex.decode("22 e6b0 22"), CodecRule.INVALID_UTF8, 1); // cut short by the quote
      assertRejected(Hex.decode("22 f4908080 22"), CodecRule.INVALID_UTF8, 1); // above U+10FFFF
      // The bad byte comes first, so it is the one named, not the later \/.
      assertRejected(Hex.decode("22 ff 5c2f 22"), CodecRule.INVALID_UTF8, 1);
      assertRejected(Hex.decode("7b 22 80 22 3a 31 7d"), CodecRule.INVALID_UTF8, 2); // in a key
    }
  }

  @Nested
  class Integers {

    static Stream<Arguments> accepted() {
      return Stream.of(
          Arguments.of("0", Ipld.of(0)),
          Arguments.of("-1", Ipld.of(-1)),
          Arguments.of("123456789012345678", Ipld.of(123456789012345678L)),
          Arguments.of("9223372036854775807", Ipld.of(Long.MAX_VALUE)),
          Arguments.of("-9223372036854775808", Ipld.of(Long.MIN_VALUE)),
          Arguments.of("9223372036854775808", Ipld.of(BigInteger.TWO.pow(63))),
          Arguments.of(
              "-9223372036854775809",
              Ipld.of(BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE))),
          Arguments.of("18446744073709551615", Ipld.of(Ipld.BigInt.MAX)),
          Arguments.of("-18446744073709551616", Ipld.of(Ipld.BigInt.MIN)));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void readsEveryIntegerDagCborCanCarry(String text, Ipld expected) {
      Ipld value = roundTrips(text);

      assertThat(value).isEqualTo(expected);
      assertThat(value.kind()).isEqualTo(Ipld.Kind.INTEGER);
      assertThat(DagJson.encode(DagCbor.decode(DagCbor.encode(value))))
          .asString(UTF_8)
          .isEqualTo(text);
    }

    static Stream<Arguments> rejected() {
      return Stream.of(
          Arguments.of("18446744073709551616", CodecRule.INTEGER_RANGE, 0),
          Arguments.of("-18446744073709551617", CodecRule.INTEGER_RANGE, 0),
          Arguments.of("[99999999999999999999]", CodecRule.INTEGER_RANGE, 1),
          Arguments.of("1" + "0".repeat(100), CodecRule.INTEGER_RANGE, 0),
          Arguments.of("-0", CodecRule.NON_CANONICAL, 0),
          Arguments.of("01", CodecRule.NON_CANONICAL, 0),
          Arguments.of("[-007]", CodecRule.NON_CANONICAL, 1),
          Arguments.of("00", CodecRule.NON_CANONICAL, 0),
          Arguments.of("+1", CodecRule.JSON_SYNTAX, 0),
          Arguments.of("-", CodecRule.UNEXPECTED_END, 0),
          Arguments.of("[-]", CodecRule.JSON_SYNTAX, 2),
          Arguments.of("0x10", CodecRule.TRAILING_BYTES, 1));
    }

    @ParameterizedTest(name = "{0} is {1} at {2}")
    @MethodSource("rejected")
    void refusesOutOfRangeAndNonCanonicalIntegers(String text, CodecRule rule, int offset) {
      assertRejected(text, rule, offset);
    }
  }

  @Nested
  class Floats {

    /** Each double and its text, checked against {@code String(x)} in Node.js. */
    static Stream<Arguments> formatted() {
      return Stream.of(
          Arguments.of(1.1, "1.1"),
          Arguments.of(0.5, "0.5"),
          Arguments.of(-1.5, "-1.5"),
          Arguments.of(82497.63712086187, "82497.63712086187"),
          Arguments.of(-0.9999999999999999, "-0.9999999999999999"),
          Arguments.of(0.1 + 0.2, "0.30000000000000004"),
          Arguments.of(4.35, "4.35"),
          // whole floats keep a point so they read back as floats
          Arguments.of(1.0, "1.0"),
          Arguments.of(-1.0, "-1.0"),
          Arguments.of(100.0, "100.0"),
          Arguments.of(9007199254740992.0, "9007199254740992.0"),
          Arguments.of(1e20, "100000000000000000000.0"),
          Arguments.of(1.2345678901234568e20, "123456789012345680000.0"),
          Arguments.of(0.0, "0.0"),
          Arguments.of(-0.0, "-0.0"),
          // the exponent form starts at 1e21 and below 1e-6
          Arguments.of(1e21, "1e+21"),
          Arguments.of(1e23, "1e+23"),
          Arguments.of(0.000001, "0.000001"),
          Arguments.of(0.000025, "0.000025"),
          Arguments.of(0.000001234, "0.000001234"),
          Arguments.of(1e-7, "1e-7"),
          Arguments.of(1.5e-7, "1.5e-7"),
          Arguments.of(8.940696716308594e-8, "8.940696716308594e-8"),
          Arguments.of(123e-20, "1.23e-18"),
          // extremes, where Java 17's Double.toString is not the shortest
          Arguments.of(Double.MAX_VALUE, "1.7976931348623157e+308"),
          Arguments.of(-Double.MAX_VALUE, "-1.7976931348623157e+308"),
          Arguments.of(Double.MIN_NORMAL, "2.2250738585072014e-308"),
          Arguments.of(Double.MIN_VALUE, "5e-324"),
          Arguments.of(1e-323, "1e-323"),
          Arguments.of(-1e-323, "-1e-323"),
          // a power of two, where the nearest 16-digit decimal reads back as another double
          Arguments.of(Math.scalb(1.0, -1017), "7.120236347223045e-307"),
          // the longest text there is
          Arguments.of(-0.0000012345678901234567, "-0.0000012345678901234567"));
    }

    @ParameterizedTest
    @MethodSource("formatted")
    void writesTheShortestEcmaScriptFormAndReadsItBack(double value, String text) {
      assertThat(new String(DagJson.encode(new Ipld.Float(value)), UTF_8)).isEqualTo(text);
      Ipld back = roundTrips(text);
      assertThat(back).isInstanceOf(Ipld.Float.class);
      assertThat(Double.doubleToRawLongBits(((Ipld.Float) back).value()))
          .isEqualTo(Double.doubleToRawLongBits(value));
      assertThat(text.length()).isLessThanOrEqualTo(FloatFormat.MAX_LENGTH);
    }

    @Test
    void negativeZeroSurvivesTheTripThroughDagCbor() {
      byte[] cbor = Hex.decode("fb8000000000000000");

      byte[] json = DagJson.encode(DagCbor.decode(cbor));

      assertThat(json).asString(UTF_8).isEqualTo("-0.0");
      assertThat(DagCbor.encode(DagJson.decode(json))).isEqualTo(cbor);
    }

    @Test
    void randomDoublesAreShortestAndReadBack() {
      Random random = new Random(20240101);
      for (int i = 0; i < 5_000; i++) {
        double value = Double.longBitsToDouble(random.nextLong());
        if (!Double.isFinite(value)) {
          continue;
        }
        String text = FloatFormat.format(value);

        assertThat(Double.parseDouble(text)).as(text).isEqualTo(value);
        assertThat(text.length()).as(text).isLessThanOrEqualTo(FloatFormat.MAX_LENGTH);
        assertThat(significantDigits(text))
            .as(text)
            .isLessThanOrEqualTo(significantDigits(Double.toString(value)));
        assertThat(DagJson.decode(text.getBytes(UTF_8))).isEqualTo(new Ipld.Float(value));
      }
    }

    static Stream<Arguments> rejected() {
      return Stream.of(
          Arguments.of("1E5", CodecRule.NON_CANONICAL, 0),
          Arguments.of("1e5", CodecRule.NON_CANONICAL, 0),
          Arguments.of("1.0e0", CodecRule.NON_CANONICAL, 0),
          Arguments.of("1e21", CodecRule.NON_CANONICAL, 0),
          Arguments.of("1e+021", CodecRule.NON_CANONICAL, 0),
          Arguments.of("1.10", CodecRule.NON_CANONICAL, 0),
          Arguments.of("0.0000001", CodecRule.NON_CANONICAL, 0),
          Arguments.of("1.00000000000000001", CodecRule.NON_CANONICAL, 0),
          Arguments.of("[0.30000000000000005]", CodecRule.NON_CANONICAL, 1),
          Arguments.of("1" + "0".repeat(30) + ".0", CodecRule.NON_CANONICAL, 0),
          Arguments.of("0.0e0", CodecRule.NON_CANONICAL, 0),
          Arguments.of("1e-999", CodecRule.NON_CANONICAL, 0),
          Arguments.of("00.5", CodecRule.NON_CANONICAL, 0),
          Arguments.of("1e999", CodecRule.NON_FINITE_FLOAT, 0),
          Arguments.of("-1e999", CodecRule.NON_FINITE_FLOAT, 0),
          Arguments.of("NaN", CodecRule.NON_FINITE_FLOAT, 0),
          Arguments.of("Infinity", CodecRule.NON_FINITE_FLOAT, 0),
          Arguments.of("[1,-Infinity]", CodecRule.NON_FINITE_FLOAT, 3),
          Arguments.of(json("{'a':NaN}"), CodecRule.NON_FINITE_FLOAT, 5),
          Arguments.of("Inf", CodecRule.JSON_SYNTAX, 0),
          Arguments.of("1.", CodecRule.UNEXPECTED_END, 0),
          Arguments.of("[1.]", CodecRule.JSON_SYNTAX, 3),
          Arguments.of(".5", CodecRule.JSON_SYNTAX, 0),
          Arguments.of("1e", CodecRule.UNEXPECTED_END, 0),
          Arguments.of("1e+", CodecRule.UNEXPECTED_END, 0));
    }

    @ParameterizedTest(name = "{0} is {1} at {2}")
    @MethodSource("rejected")
    void refusesEveryOtherSpellingOfAFloat(String text, CodecRule rule, int offset) {
      assertRejected(text, rule, offset);
    }

    private int significantDigits(String text) {
      String mantissa = text.replaceFirst("[eE].*", "").replace("-", "").replace(".", "");
      String trimmed = mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "");
      return Math.max(1, trimmed.length());
    }
  }

  @Nested
  class Maps {

    @Test
    void sortsKeysByUtf8BytesNotLengthFirst() {
      Ipld.Map map = Ipld.map().put("f", 1).put("ee", 2).put("aaaaab", 3).put("aaaaaa", 4).build();

      assertThat(new String(DagJson.encode(map), UTF_8))
          .isEqualTo(json("{'aaaaaa':4,'aaaaab':3,'ee':2,'f':1}"));
      assertThat(roundTrips(json("{'aaaaaa':4,'aaaaab':3,'ee':2,'f':1}"))).isEqualTo(map);
    }

    @Test
    void sortsBeyondTheBasicPlaneByUtf8NotUtf16() {
      // In UTF-16 the surrogates of U+1F600 sort before U+FFFF; in UTF-8 it is the other way.
      Ipld.Map map = Ipld.map().put("😀", 2).put("\uffff", 1).build();

      assertThat(new String(DagJson.encode(map), UTF_8)).isEqualTo("{\"\uffff\":1,\"😀\":2}");
      assertRejected("{\"😀\":2,\"\uffff\":1}", CodecRule.MAP_KEY_ORDER, 10);
    }

    @Test
    void comparesKeysAfterUnescaping() {
      // "\n" is 0x0a, before "!" (0x21), although its escape starts with 0x5c.
      assertThat(roundTrips("{\"\\n\":1,\"!\":2}"))
          .isEqualTo(Ipld.map().put("\n", 1).put("!", 2).build());
      assertRejected("{\"!\":2,\"\\n\":1}", CodecRule.MAP_KEY_ORDER, 7);
    }

    @Test
    void refusesKeysOutOfOrder() {
      assertRejected(json("{'b':1,'a':2}"), CodecRule.MAP_KEY_ORDER, 7);
      assertRejected(json("{'x':{'b':1,'a':2}}"), CodecRule.MAP_KEY_ORDER, 12);
      assertRejected(json("{'ee':1,'f':2,'aaa':3}"), CodecRule.MAP_KEY_ORDER, 14);
    }

    @Test
    void refusesDuplicateKeys() {
      assertRejected(json("{'a':1,'a':1}"), CodecRule.DUPLICATE_KEY, 7);
      assertRejected("{\"\\t\":1,\"\t\":1}", CodecRule.JSON_SYNTAX, 9);
      assertRejected("{\"a\":1,\"\\u0061\":1}", CodecRule.NON_CANONICAL, 8);
    }

    @Test
    void refusesMalformedMaps() {
      assertRejected(json("{'a':1,}"), CodecRule.JSON_SYNTAX, 7);
      assertRejected(json("{a:1}"), CodecRule.JSON_SYNTAX, 1);
      assertRejected(json("{1:1}"), CodecRule.JSON_SYNTAX, 1);
      assertRejected(json("{'a'1}"), CodecRule.JSON_SYNTAX, 4);
      assertRejected(json("{'a':1'b':2}"), CodecRule.JSON_SYNTAX, 6);
      assertRejected(json("{'a':1"), CodecRule.UNEXPECTED_END, 6);
      assertRejected(json("{'a':"), CodecRule.UNEXPECTED_END, 5);
      assertRejected("{", CodecRule.UNEXPECTED_END, 1);
    }
  }

  @Nested
  class ReservedNamespace {

    @Test
    void readsLinksAndBytes() {
      assertThat(roundTrips(json("{'/':'" + CID_V1 + "'}"))).isEqualTo(Ipld.of(Cid.parse(CID_V1)));
      assertThat(roundTrips(json("{'/':'" + CID_V0 + "'}"))).isEqualTo(Ipld.of(Cid.parse(CID_V0)));
      assertThat(roundTrips(json("{'/':{'bytes':'AQI'}}")))
          .isEqualTo(Ipld.bytes(new byte[] {1, 2}));
      assertThat(roundTrips(json("{'/':{'bytes':''}}"))).isEqualTo(Ipld.bytes(new byte[0]));
      assertThat(roundTrips(json("{'a':{'/':{'bytes':'+/8'}},'b':{'/':'" + CID_V1 + "'}}")))
          .isEqualTo(
              Ipld.map()
                  .put("a", Ipld.bytes(new byte[] {(byte) 0xfb, (byte) 0xff}))
                  .put("b", Cid.parse(CID_V1))
                  .build());
    }

    static Stream<Arguments> rejected() {
      String link = "'" + CID_V1 + "'";
      int afterLink = 5 + link.length() + 1; // {'/':<link>,
      return Stream.of(
          // the three forms the spec names
          Arguments.of("{'/':" + link + ",'bar':'baz'}", CodecRule.RESERVED_NAMESPACE, afterLink),
          Arguments.of("{'/':{'bytes':'AQID','c':1}}", CodecRule.RESERVED_NAMESPACE, 21),
          Arguments.of("{'/':{'bytes':'AQID'},'bar':'baz'}", CodecRule.RESERVED_NAMESPACE, 22),
          // what the spec lets through as plain maps, refused here
          Arguments.of("{'/':true,'bar':'baz'}", CodecRule.RESERVED_NAMESPACE, 5),
          Arguments.of("{'/':true}", CodecRule.RESERVED_NAMESPACE, 5),
          Arguments.of("{'/':1}", CodecRule.RESERVED_NAMESPACE, 5),
          Arguments.of("{'/':null}", CodecRule.RESERVED_NAMESPACE, 5),
          Arguments.of("{'/':[]}", CodecRule.RESERVED_NAMESPACE, 5),
          Arguments.of("{'/':{}}", CodecRule.RESERVED_NAMESPACE, 5),
          Arguments.of("{'/':{'abar':'baz','bytes':'AQ'}}", CodecRule.RESERVED_NAMESPACE, 6),
          Arguments.of("{'/':{'bytes':true},'bar':'baz'}", CodecRule.RESERVED_NAMESPACE, 14),
          Arguments.of("{'/':{'bytes':'AQ','bytes':'AQ'}}", CodecRule.RESERVED_NAMESPACE, 19),
          Arguments.of("{'!':1,'/':" + link + "}", CodecRule.RESERVED_NAMESPACE, 7),
          Arguments.of("{'':1,'/':{'bytes':'AQ'}}", CodecRule.RESERVED_NAMESPACE, 6),
          // the spec's own "valid" example is out of order: '0' is 0x30, '/' is 0x2f
          Arguments.of("{'0bar':'baz','/':'foo'}", CodecRule.MAP_KEY_ORDER, 14),
          // what a link or bytes holds must be valid, and canonical
          Arguments.of("{'/':'foo'}", CodecRule.INVALID_CID, 5),
          Arguments.of("{'/':''}", CodecRule.INVALID_CID, 5),
          Arguments.of("{'/':'" + CID_V1.toUpperCase() + "'}", CodecRule.NON_CANONICAL, 5),
          Arguments.of(
              "{'/':'zdpuAtX7ZibcWdSKQwiDCkPjWwRvtcKCPku9H7LhgA4qJW4Wk'}",
              CodecRule.NON_CANONICAL,
              5),
          Arguments.of("{'/':{'bytes':'AQID='}}", CodecRule.INVALID_BASE64, 14),
          Arguments.of("{'/':{'bytes':'AQJ'}}", CodecRule.INVALID_BASE64, 14),
          Arguments.of("{'/':{'bytes':'mAQID'}}", CodecRule.INVALID_BASE64, 14),
          Arguments.of("{'/':{'bytes':'-_8'}}", CodecRule.INVALID_BASE64, 14),
          Arguments.of("{'/':" + link, CodecRule.UNEXPECTED_END, afterLink - 1),
          Arguments.of("{'/':" + link + "]", CodecRule.JSON_SYNTAX, afterLink - 1));
    }

    @ParameterizedTest(name = "{0} is {1} at {2}")
    @MethodSource("rejected")
    void refusesEveryOtherMapWithASlashKey(String singleQuoted, CodecRule rule, int offset) {
      assertRejected(json(singleQuoted), rule, offset);
    }

    @Test
    void refusesToWriteAMapWithASlashKeyThatDagCborCarries() {
      Ipld value = Ipld.list(Ipld.of(1), Ipld.map().put("/", CID_V1).build());
      byte[] cbor = DagCbor.encode(value);

      CodecException e =
          catchThrowableOfType(CodecException.class, () -> DagJson.encode(DagCbor.decode(cbor)));

      assertThat(e.rule()).isEqualTo(CodecRule.RESERVED_NAMESPACE);
      assertThat(e.codec()).isEqualTo(DagJson.NAME);
      assertThat(e.offset()).isEqualTo(3); // where the map would start: [1,
      assertThat(
              catchThrowableOfType(
                  CodecException.class,
                  () -> DagJson.encode(Ipld.map().put("/", Ipld.map().build()).build())))
          .isNotNull();
    }
  }

  @Nested
  class Syntax {

    static Stream<Arguments> rejected() {
      return Stream.of(
          Arguments.of("", CodecRule.UNEXPECTED_END, 0),
          Arguments.of(" 1", CodecRule.JSON_SYNTAX, 0),
          Arguments.of("1 ", CodecRule.JSON_SYNTAX, 1),
          Arguments.of("1\n", CodecRule.JSON_SYNTAX, 1),
          Arguments.of("[1, 2]", CodecRule.JSON_SYNTAX, 3),
          Arguments.of("[ ]", CodecRule.JSON_SYNTAX, 1),
          Arguments.of("{\"a\": 1}", CodecRule.JSON_SYNTAX, 5),
          Arguments.of("{\"a\" :1}", CodecRule.JSON_SYNTAX, 4),
          Arguments.of("[1\r]", CodecRule.JSON_SYNTAX, 2),
          Arguments.of("\t{}", CodecRule.JSON_SYNTAX, 0),
          Arguments.of("1]", CodecRule.TRAILING_BYTES, 1),
          Arguments.of("{}{}", CodecRule.TRAILING_BYTES, 2),
          Arguments.of("truex", CodecRule.TRAILING_BYTES, 4),
          Arguments.of("[", CodecRule.UNEXPECTED_END, 1),
          Arguments.of("[1", CodecRule.UNEXPECTED_END, 2),
          Arguments.of("[1,", CodecRule.UNEXPECTED_END, 3),
          Arguments.of("[1,]", CodecRule.JSON_SYNTAX, 3),
          Arguments.of("[,1]", CodecRule.JSON_SYNTAX, 1),
          Arguments.of("[1;2]", CodecRule.JSON_SYNTAX, 2),
          Arguments.of("]", CodecRule.JSON_SYNTAX, 0),
          Arguments.of("tru", CodecRule.UNEXPECTED_END, 0),
          Arguments.of("trux", CodecRule.JSON_SYNTAX, 0),
          Arguments.of("True", CodecRule.JSON_SYNTAX, 0),
          Arguments.of("[nul]", CodecRule.JSON_SYNTAX, 1),
          Arguments.of("undefined", CodecRule.JSON_SYNTAX, 0),
          Arguments.of("\ufeff1", CodecRule.JSON_SYNTAX, 0));
    }

    @ParameterizedTest(name = "{0} is {1} at {2}")
    @MethodSource("rejected")
    void refusesWhitespaceAndMalformedJson(String text, CodecRule rule, int offset) {
      assertRejected(text, rule, offset);
    }

    @Test
    void readsTheLiterals() {
      assertThat(roundTrips("[true,false,null]"))
          .isEqualTo(Ipld.list(Ipld.TRUE, Ipld.FALSE, Ipld.NULL));
    }
  }

  @Nested
  class Limits {

    @Test
    void nestsAsDeepAsDagCborAndNoDeeper() {
      int deepest = DagCbor.MAX_DEPTH + 1; // lists nested this deep reach depth MAX_DEPTH

      String accepted = "[".repeat(deepest) + "]".repeat(deepest);
      Ipld value = roundTrips(accepted);
      DagCbor.decode(DagCbor.encode(value));

      String tooDeep = "[".repeat(deepest + 1) + "]".repeat(deepest + 1);
      assertRejected(tooDeep, CodecRule.TOO_DEEP, deepest);
      Ipld tooDeepValue = Ipld.list(value);
      assertThat(
              catchThrowableOfType(
                      CodecException.class, () -> DagCbor.decode(DagCbor.encode(tooDeepValue)))
                  .rule())
          .isEqualTo(CodecRule.TOO_DEEP);
    }

    @Test
    void aLinkOrBytesAtTheDeepestLevelIsNoDeeper() {
      String open = "[".repeat(DagCbor.MAX_DEPTH);
      String close = "]".repeat(DagCbor.MAX_DEPTH);

      Ipld link = roundTrips(open + json("{'/':'" + CID_V1 + "'}") + close);
      Ipld bytes = roundTrips(open + json("{'/':{'bytes':'AQ'}}") + close);

      DagCbor.decode(DagCbor.encode(link));
      DagCbor.decode(DagCbor.encode(bytes));
      assertRejected(open + json("{'a':1}") + close, CodecRule.TOO_DEEP, DagCbor.MAX_DEPTH + 5);
    }

    @Test
    void anUnterminatedHugeStringAllocatesNothing() {
      byte[] input = new byte[8 << 20];
      Arrays.fill(input, (byte) 'a');
      input[0] = '"';

      assertThat(allocatedBy(() -> assertRejected(input, CodecRule.UNEXPECTED_END, 0)))
          .isLessThan(1 << 20);
    }

    @Test
    void aHugeStringTakesNoMoreMemoryThanItsBytes() {
      byte[] input = new byte[8 << 20];
      for (int i = 1; i < input.length - 1; i += 2) {
        input[i] = '\\';
        input[i + 1] = 'n';
      }
      input[0] = '"';
      input[input.length - 1] = '"';

      // the unescaped bytes (half the input here), then the string made from them
      assertThat(allocatedBy(() -> DagJson.decode(input))).isLessThan(input.length + (1L << 20));
    }

    @Test
    void hugeNumbersAreRefusedWithoutBeingParsed() {
      byte[] integer = new byte[8 << 20];
      Arrays.fill(integer, (byte) '9');
      byte[] fraction = integer.clone();
      fraction[1] = '.';

      assertThat(allocatedBy(() -> assertRejected(integer, CodecRule.INTEGER_RANGE, 0)))
          .isLessThan(1 << 20);
      assertThat(allocatedBy(() -> assertRejected(fraction, CodecRule.NON_CANONICAL, 0)))
          .isLessThan(1 << 20);
    }

    /** Bytes this thread allocates while running {@code action}, after a warm-up run. */
    private long allocatedBy(Runnable action) {
      if (!(ManagementFactory.getThreadMXBean()
          instanceof com.sun.management.ThreadMXBean threads)) {
        assumeThat(false).as("per-thread allocation is measurable").isTrue();
        return 0;
      }
      assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
      threads.setThreadAllocatedMemoryEnabled(true);
      action.run();
      long id = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(id);
      action.run();
      return threads.getThreadAllocatedBytes(id) - before;
    }
  }

  @Nested
  class RoundTrip {

    @Test
    void randomValuesSurviveBothCodecsByteForByte() {
      Random random = new Random(7);
      for (int i = 0; i < 500; i++) {
        Ipld value = randomValue(random, 0);

        byte[] json = DagJson.encode(value);
        Ipld back = DagJson.decode(json);
        byte[] viaCbor = DagJson.encode(DagCbor.decode(DagCbor.encode(back)));

        assertThat(back).isEqualTo(value);
        assertThat(viaCbor).isEqualTo(json);
      }
    }

    private Ipld randomValue(Random random, int depth) {
      switch (random.nextInt(depth < 3 ? 11 : 9)) {
        case 0:
          return Ipld.NULL;
        case 1:
          return Ipld.of(random.nextBoolean());
        case 2:
          return Ipld.of(random.nextBoolean() ? random.nextInt(100) : random.nextLong());
        case 3:
          BigInteger big = new BigInteger(64, random).setBit(63);
          return Ipld.of(random.nextBoolean() ? big : big.negate().subtract(BigInteger.ONE));
        case 4:
          double d = Double.longBitsToDouble(random.nextLong());
          return new Ipld.Float(Double.isFinite(d) ? d : random.nextDouble());
        case 5:
        case 6:
          return Ipld.of(randomString(random));
        case 7:
          byte[] bytes = new byte[random.nextInt(40)];
          random.nextBytes(bytes);
          return Ipld.bytes(bytes);
        case 8:
          byte[] block = new byte[8];
          random.nextBytes(block);
          return Ipld.of(
              random.nextBoolean() ? Cid.dagCbor(block) : Cid.v0(Multihash.sha256(block)));
        case 9:
          List<Ipld> items = new ArrayList<>();
          for (int n = random.nextInt(6); n > 0; n--) {
            items.add(randomValue(random, depth + 1));
          }
          return new Ipld.List(items);
        default:
          LinkedHashMap<String, Ipld> entries = new LinkedHashMap<>();
          for (int n = random.nextInt(6); n > 0; n--) {
            String key = randomString(random);
            if (!key.equals("/")) {
              entries.put(key, randomValue(random, depth + 1));
            }
          }
          return new Ipld.Map(entries);
      }
    }

    private String randomString(Random random) {
      StringBuilder s = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        s.appendCodePoint(randomCodePoint(random));
      }
      return s.toString();
    }

    /** Controls, quotes, ASCII, two-, three- and four-byte UTF-8; never a lone surrogate. */
    private int randomCodePoint(Random random) {
      switch (random.nextInt(5)) {
        case 0:
          return random.nextInt(0x20);
        case 1:
          return "\"\\/".charAt(random.nextInt(3));
        case 2:
          return 0x20 + random.nextInt(0x60);
        case 3:
          return 0x80 + random.nextInt(0xD800 - 0x80);
        default:
          return 0x10000 + random.nextInt(0x100000);
      }
    }
  }

  /** Test JSON written with {@code '} for {@code "}. */
  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** Decodes {@code text}, checks that it encodes back to exactly the same bytes. */
  private static Ipld roundTrips(String text) {
    Ipld value = DagJson.decode(text.getBytes(UTF_8));
    assertThat(new String(DagJson.encode(value), UTF_8)).isEqualTo(text);
    return value;
  }

  private static CodecException assertRejected(String text, CodecRule rule, long offset) {
    return assertRejected(text.getBytes(UTF_8), rule, offset);
  }

  private static CodecException assertRejected(byte[] input, CodecRule rule, long offset) {
    CodecException e = catchThrowableOfType(CodecException.class, () -> DagJson.decode(input));
    String shown = input.length > 80 ? input.length + " bytes" : new String(input, UTF_8);

    assertThat(e).as("decoding %s", shown).isNotNull();
    assertThat(e.rule()).as("rule for %s (%s)", shown, e.getMessage()).isEqualTo(rule);
    assertThat(e.offset()).as("offset for %s (%s)", shown, e.getMessage()).isEqualTo(offset);
    assertThat(e.reason()).isEqualTo(rule.reason());
    assertThat(e.getMessage()).startsWith("dag-json: ").endsWith("at byte " + offset);
    return e;
  }
}
