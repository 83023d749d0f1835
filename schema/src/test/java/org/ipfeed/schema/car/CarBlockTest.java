package org.ipfeed.schema.car;

import static org.assertj.core.api.Assertions.assertThat;

import org.ipfeed.schema.multiformats.Cid;
import org.junit.jupiter.api.Test;

class CarBlockTest {

  private static final byte[] BYTES = {1, 2, 3};
  private static final Cid CID = Cid.raw(BYTES);

  @Test
  void isImmutable() {
    byte[] in = BYTES.clone();
    CarBlock block = new CarBlock(CID, in);

    in[0] = 9;
    block.bytes()[1] = 9;

    assertThat(block.bytes()).isEqualTo(BYTES);
    assertThat(block.length()).isEqualTo(3);
  }

  @Test
  void equalityIsByCidAndContent() {
    CarBlock block = new CarBlock(CID, BYTES);

    assertThat(block)
        .isEqualTo(new CarBlock(CID, BYTES.clone()))
        .hasSameHashCodeAs(new CarBlock(CID, BYTES.clone()))
        .isNotEqualTo(new CarBlock(CID, new byte[] {1, 2}))
        .isNotEqualTo(new CarBlock(Cid.dagCbor(BYTES), BYTES))
        .hasToString("CarBlock[" + CID + ", 3 bytes]");
  }
}
