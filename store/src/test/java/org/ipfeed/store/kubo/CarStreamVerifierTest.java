package org.ipfeed.store.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ipfeed.schema.car.CarWriter;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.TooLargeException;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.junit.jupiter.api.Test;

class CarStreamVerifierTest {

  private static final Block A = Block.of("a".getBytes(StandardCharsets.UTF_8), Multicodec.RAW);
  private static final Block B = Block.of(new byte[300], Multicodec.RAW);

  private static byte[] car(Block... blocks) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CarWriter writer = CarWriter.open(out, List.of(A.cid()))) {
      for (Block block : blocks) {
        writer.write(block.cid(), block.bytes());
      }
    }
    return out.toByteArray();
  }

  @Test
  void byteByByteGivesTheSameAsAllAtOnce() throws Exception {
    byte[] car = car(A, B);
    CarStreamVerifier verifier = new CarStreamVerifier(1024);
    Buffer out = Buffer.buffer();
    for (byte b : car) {
      verifier.feed(Buffer.buffer(new byte[] {b}), out::appendBuffer);
    }
    verifier.finish();

    assertThat(out.getBytes()).isEqualTo(car);
    assertThat(verifier.roots()).containsExactly(A.cid());
    assertThat(verifier.blocks()).isEqualTo(2);
    assertThat(verifier.bytes()).isEqualTo(car.length);
  }

  @Test
  void aTamperedBlockIsAnIntegrityFailure() throws Exception {
    byte[] car = car(A);
    car[car.length - 1] ^= 1;
    CarStreamVerifier verifier = new CarStreamVerifier(1024);

    assertThatThrownBy(() -> verifier.feed(Buffer.buffer(car), b -> {}))
        .isInstanceOf(IntegrityException.class);
  }

  @Test
  void aBlockOverTheLimitIsRefused() throws Exception {
    CarStreamVerifier verifier = new CarStreamVerifier(100);

    assertThatThrownBy(() -> verifier.feed(Buffer.buffer(car(B)), b -> {}))
        .isInstanceOf(TooLargeException.class);
  }

  @Test
  void aCutOffStreamFailsAtTheEnd() throws Exception {
    byte[] car = car(A, B);
    CarStreamVerifier verifier = new CarStreamVerifier(1024);
    verifier.feed(Buffer.buffer(car).getBuffer(0, car.length - 10), b -> {});

    assertThatThrownBy(verifier::finish).isInstanceOf(UpstreamException.class);
  }
}
