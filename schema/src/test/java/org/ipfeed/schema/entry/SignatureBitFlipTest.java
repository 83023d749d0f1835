package org.ipfeed.schema.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.ipfeed.schema.error.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single-bit change, at every position of a signed entry of every type, is refused: either
 * the block no longer decodes, or it is no longer a valid entry, or the signature fails. Nothing
 * else may escape.
 */
class SignatureBitFlipTest {

  static java.util.List<Entry> entries() {
    return SampleEntries.all();
  }

  @ParameterizedTest
  @MethodSource("entries")
  void everySingleBitFlipIsRefused(Entry entry) {
    byte[] block = SignedEntry.sign(entry, SampleEntries.ALICE).block();
    for (int bit = 0; bit < block.length * 8; bit++) {
      byte[] flipped = block.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));

      Throwable thrown = catchThrowable(() -> SignedEntry.decodeVerified(flipped));

      assertThat(thrown)
          .as("flipping bit %d of %s", bit, entry.type())
          .isInstanceOf(BadInputException.class);
    }
  }
}
