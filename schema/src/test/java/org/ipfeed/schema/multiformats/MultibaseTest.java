package org.ipfeed.schema.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Multibase against the upstream test vectors in {@code fixtures/multibase/}. */
class MultibaseTest {

  private static final List<String> FILES =
      List.of("basic", "leading_zero", "two_leading_zeros", "case_insensitivity");

  /** Only decoding is checked for this file: its text is deliberately not what we would write. */
  private static final String DECODE_ONLY = "case_insensitivity";

  /** One row of a vector file: the bytes (from the file's first line) in one encoding. */
  record Row(String file, String encoding, String text, byte[] bytes) {
    @Override
    public String toString() {
      return file + ": " + encoding;
    }
  }

  static Stream<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String file : FILES) {
      List<String> lines = lines(Fixtures.path("multibase/" + file + ".csv"));
      byte[] bytes = unescape(quoted(lines.get(0)));
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          rows.add(new Row(file, line.substring(0, line.indexOf(',')), quoted(line), bytes));
        }
      }
    }
    return rows.stream();
  }

  static Stream<Row> encodableRows() {
    return rows().filter(r -> !r.file().equals(DECODE_ONLY));
  }

  @Test
  void everyVectorFileAndEveryEncodingIsExercised() {
    assertThat(rows().map(Row::file).distinct()).containsExactlyInAnyOrderElementsOf(FILES);
    // Every encoding we implement appears in the basic file, so none goes untested.
    assertThat(rows().filter(r -> r.file().equals("basic")).map(Row::encoding))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Multibase.values()).map(Multibase::label).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void decodesEveryRowToTheFilesBytes(Row row) {
    assertThat(Multibase.of(row.text()).label()).isEqualTo(row.encoding());
    assertThat(Multibase.decode(row.text())).isEqualTo(row.bytes());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodableRows")
  void encodesEveryRowToExactlyItsText(Row row) {
    assertThat(base(row.encoding()).encode(row.bytes())).isEqualTo(row.text());
  }

  @Test
  void bareFormsOmitOnlyThePrefix() {
    byte[] bytes = "yes mani !".getBytes(StandardCharsets.US_ASCII);

    assertThat(Multibase.BASE64.encodeBare(bytes)).isEqualTo("eWVzIG1hbmkgIQ");
    assertThat(Multibase.BASE58BTC.decodeBare("7paNL19xttacUY")).isEqualTo(bytes);
    assertThat(Multibase.BASE256EMOJI.prefix()).isEqualTo(0x1F680);
  }

  @Test
  void emptyBytesEncodeToThePrefixAlone() {
    for (Multibase base : Multibase.values()) {
      String text = base.encode(new byte[0]);
      assertThat(text).as(base.label()).isEqualTo(Character.toString(base.prefix()));
      assertThat(Multibase.decode(text)).as(base.label()).isEmpty();
    }
  }

  /**
   * Random bytes, many with leading zeros, in every base: each decodes back, and the bases the JDK
   * also implements give the JDK's text. Fixed seed, so a failure replays.
   */
  @Test
  void roundTripsRandomBytesAndAgreesWithTheJdk() {
    Random random = new Random(20240101);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = new byte[random.nextInt(48)];
      random.nextBytes(bytes);
      for (int z = 0; z < bytes.length && random.nextInt(4) == 0; z++) {
        bytes[z] = 0;
      }
      for (Multibase base : Multibase.values()) {
        assertThat(Multibase.decode(base.encode(bytes))).as(base.label()).isEqualTo(bytes);
      }
      assertThat(Multibase.BASE16.encodeBare(bytes)).isEqualTo(HexFormat.of().formatHex(bytes));
      assertThat(Multibase.BASE64PAD.encodeBare(bytes))
          .isEqualTo(Base64.getEncoder().encodeToString(bytes));
      assertThat(Multibase.BASE64.encodeBare(bytes))
          .isEqualTo(Base64.getEncoder().withoutPadding().encodeToString(bytes));
      assertThat(Multibase.BASE64URLPAD.encodeBare(bytes))
          .isEqualTo(Base64.getUrlEncoder().encodeToString(bytes));
      assertThat(Multibase.BASE64URL.encodeBare(bytes))
          .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      assertThat(Multibase.BASE10.encodeBare(bytes)).isEqualTo(naiveBase10(bytes));
    }
  }

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                  | empty string
          !abc                | unknown prefix
          Ä00                 | unknown non-ASCII prefix
          b0                  | '0' is not base32
          bnbswy3dp=          | padding in an unpadded base
          z0OIl               | base58btc leaves out 0 O I l
          uAB+                | '+' is base64, not base64url
          f0g                 | 'g' is not hex
          ba                  | one base32 char cannot end a byte
          bab                 | non-canonical trailing bits (base32)
          mAB                 | non-canonical trailing bits (base64)
          f0                  | half a byte of hex
          MeWVzIG1hbmkgIQ     | padded base64 without its padding
          MeWVzIG1hbmkgIQ=    | padded base64 with too little padding
          MAAAA====           | padding after a full block
          caa                 | padded base32 without its padding
          """)
  void rejectsMalformedTextAsInvalidMultibase(String text, String why) {
    BadInputException e =
        catchThrowableOfType(BadInputException.class, () -> Multibase.decode(text));

    assertThat(e).as(why).isNotNull();
    assertThat(e.reason()).isEqualTo("invalid-multibase");
  }

  @Test
  void rejectionMessagesNameTheEncodingAndTheProblem() {
    assertThat(catchThrowableOfType(BadInputException.class, () -> Multibase.decode("b0")))
        .hasMessageContaining("base32")
        .hasMessageContaining("'0'");
    assertThat(catchThrowableOfType(BadInputException.class, () -> Multibase.decode("!x")))
        .hasMessageContaining("unknown multibase prefix '!'");
    assertThat(catchThrowableOfType(BadInputException.class, () -> Multibase.decode("mAB")))
        .hasMessageContaining("base64: non-canonical trailing bits");
  }

  /** Base10 the slow, obvious way: a zero digit per leading zero byte, then the number. */
  private static String naiveBase10(byte[] bytes) {
    int zeros = 0;
    while (zeros < bytes.length && bytes[zeros] == 0) {
      zeros++;
    }
    String number = zeros == bytes.length ? "" : new BigInteger(1, bytes).toString();
    return "0".repeat(zeros) + number;
  }

  private static Multibase base(String label) {
    return Arrays.stream(Multibase.values())
        .filter(b -> b.label().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no multibase named " + label));
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text between the first and the last double quote of a line. */
  private static String quoted(String line) {
    return line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
  }

  /** The first line spells bytes as text with {@code \xNN} escapes. */
  private static byte[] unescape(String spelled) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < spelled.length(); i++) {
      if (spelled.startsWith("\\x", i)) {
        out.write(HexFormat.fromHexDigits(spelled, i + 2, i + 4));
        i += 3;
      } else {
        out.write(spelled.charAt(i));
      }
    }
    return out.toByteArray();
  }
}
