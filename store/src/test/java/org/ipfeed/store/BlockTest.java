package org.ipfeed.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.ipfeed.schema.multiformats.Multicodec;
import org.junit.jupiter.api.Test;

class BlockTest {

  @Test
  void theReadOnlyBufferShowsTheBytesAndCannotChangeThem() {
    Block block = Block.of(new byte[] {1, 2, 3}, Multicodec.RAW);

    ByteBuffer buffer = block.asReadOnlyBuffer();
    byte[] seen = new byte[buffer.remaining()];
    buffer.get(seen);

    assertThat(seen).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> block.asReadOnlyBuffer().put(0, (byte) 9))
        .isInstanceOf(ReadOnlyBufferException.class);
    assertThat(block.bytes()).containsExactly(1, 2, 3);
  }
}
