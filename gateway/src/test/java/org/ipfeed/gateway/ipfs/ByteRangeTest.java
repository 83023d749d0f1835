package org.ipfeed.gateway.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ipfeed.schema.error.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

  @ParameterizedTest(name = "{0} of 10 bytes = {1}..{2}")
  @CsvSource({
    "bytes=0-0, 0, 0",
    "bytes=2-5, 2, 5",
    "bytes=4-, 4, 9",
    "bytes=4-99, 4, 9",
    "bytes=-3, 7, 9",
    "bytes=-30, 0, 9",
    "bytes= 1-2 , 1, 2"
  })
  void satisfiableRanges(String header, int first, int last) {
    assertThat(ByteRange.parse(header, 10)).contains(new ByteRange(first, last));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=1-2,4-5", "items=1-2", "bytes=5-2", "bytes=a-2", "bytes=-", "x"})
  void otherRangesGetTheWholeBody(String header) {
    assertThat(ByteRange.parse(header, 10)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=10-", "bytes=10-12", "bytes=-0"})
  void rangesOutsideTheBodyAreUnsatisfiable(String header) {
    assertThatThrownBy(() -> ByteRange.parse(header, 10))
        .isInstanceOf(BadInputException.class)
        .extracting(e -> ((BadInputException) e).reason())
        .isEqualTo("range-not-satisfiable");
  }
}
