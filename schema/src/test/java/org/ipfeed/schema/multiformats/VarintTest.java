package org.ipfeed.schema.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.testing.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unsigned varints: the examples of ipld-rules.md section 1 and what must be refused. */
class VarintTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "0, 00",
    "1, 01",
    "127, 7f",
    "128, 8001",
    "255, ff01",
    "300, ac02",
    "16384, 808001",
    // dag-json's multicodec: the reason its CIDs carry a two-byte codec
    "297, a902",
    // the largest value: 63 bits in the 9 bytes the spec allows
    "9223372036854775807, ffffffffffffffff7f",
  })
  void encodesAndDecodesTheSpecExamples(long value, String hex) throws IOException {
    byte[] bytes = Hex.decode(hex);

    assertThat(Varint.encode(value)).isEqualTo(bytes);
    assertThat(Varint.size(value)).isEqualTo(bytes.length);
    assertThat(Varint.read(bytes, 0)).isEqualTo(new Varint.Read(value, bytes.length));
    assertThat(Varint.read(new ByteArrayInputStream(bytes))).isEqualTo(value);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Varint.write(value, out);
    assertThat(out.toByteArray()).isEqualTo(bytes);
  }

  @Test
  void readsAtAnOffsetAndReportsOnlyTheBytesItTook() {
    byte[] in = Hex.decode("ffff ac02 99");

    assertThat(Varint.read(in, 2)).isEqualTo(new Varint.Read(300, 2));
    assertThat(Varint.write(300, new byte[4], 1)).isEqualTo(3);
  }

  @Test
  void theStreamReaderStopsRightAfterTheVarint() throws IOException {
    InputStream in = new ByteArrayInputStream(Hex.decode("8001 2a"));

    assertThat(Varint.read(in)).isEqualTo(128);
    assertThat(in.read()).isEqualTo(0x2a);
  }

  @Test
  void theStreamReaderReturnsMinusOneAtACleanEndOfStream() throws IOException {
    assertThat(Varint.read(new ByteArrayInputStream(new byte[0]))).isEqualTo(-1);

    InputStream in = new ByteArrayInputStream(Hex.decode("05"));
    assertThat(Varint.read(in)).isEqualTo(5);
    assertThat(Varint.read(in)).isEqualTo(-1);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "8100, non-minimal",
    "808000, non-minimal",
    "ffffffffffffffff00, non-minimal",
    "ffffffffffffffffff01, longer than 9 bytes",
    "80808080808080808001, longer than 9 bytes",
    "80, truncated",
    "ffff, truncated",
    "'', truncated",
  })
  void rejectsMalformedBytesAsInvalidVarint(String hex, String problem) {
    byte[] bytes = Hex.decode(hex);

    BadInputException e =
        catchThrowableOfType(BadInputException.class, () -> Varint.read(bytes, 0));

    assertThat(e.reason()).isEqualTo("invalid-varint");
    assertThat(e.getMessage()).contains(problem);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "8100, non-minimal",
    "ffffffffffffffffff01, longer than 9 bytes",
    "80, truncated",
    "ffff, truncated",
  })
  void theStreamReaderRejectsTheSameBytes(String hex, String problem) {
    InputStream in = new ByteArrayInputStream(Hex.decode(hex));

    BadInputException e = catchThrowableOfType(BadInputException.class, () -> Varint.read(in));

    assertThat(e.reason()).isEqualTo("invalid-varint");
    assertThat(e.getMessage()).contains(problem);
  }

  @Test
  void negativeValuesHaveNoEncoding() {
    assertThatThrownBy(() -> Varint.encode(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Varint.size(Long.MIN_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
