package org.ipfeed.store.kubo;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.ipfeed.schema.car.CarReader;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.TooLargeException;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;

/**
 * Checks a CARv1 as it streams in from dag/export, so that only verified bytes are passed on and at
 * most one section is held in memory.
 *
 * <p>The header goes through {@link CarReader} (it knows every rule of a valid header); each
 * section is cut out here and its block checked with {@link Block#verified}, the same hash check
 * {@code CarReader} applies. A {@code CarReader} cannot do the sections itself: it pulls from a
 * blocking {@code InputStream}, and the export arrives as pushed chunks on an event loop.
 *
 * <p>Not thread-safe: one per export.
 */
final class CarStreamVerifier {

  private static final int MAX_HEADER_BYTES = 1 << 20;
  private static final int MAX_VARINT_BYTES = 9;

  private final int maxBlockBytes;
  private Buffer pending = Buffer.buffer();
  private List<Cid> roots;
  private int blocks;
  private long bytes;

  CarStreamVerifier(int maxBlockBytes) {
    this.maxBlockBytes = maxBlockBytes;
  }

  /** Takes a chunk; hands each complete, verified piece (header or section) to {@code out}. */
  void feed(Buffer chunk, Consumer<Buffer> out) {
    pending.appendBuffer(chunk);
    int at = 0;
    while (true) {
      long[] varint = varint(pending, at);
      if (varint == null) {
        break;
      }
      long length = varint[0];
      int prefix = (int) varint[1];
      long limit = roots == null ? MAX_HEADER_BYTES : maxBlockBytes + 128L;
      if (length > limit) {
        if (roots != null) {
          throw new TooLargeException(
              "block-too-large",
              "the node's CAR has a section of " + length + " bytes, over " + limit,
              limit);
        }
        throw bad("a CAR header of " + length + " bytes");
      }
      if (length == 0) {
        throw bad("an empty CAR " + (roots == null ? "header" : "section"));
      }
      if (pending.length() - at - prefix < length) {
        break;
      }
      int end = at + prefix + (int) length;
      Buffer piece = pending.getBuffer(at, end);
      if (roots == null) {
        roots = header(piece.getBytes());
      } else {
        section(piece.getBytes(prefix, piece.length()));
      }
      bytes += piece.length();
      out.accept(piece);
      at = end;
    }
    if (at > 0) {
      pending = pending.getBuffer(at, pending.length());
    }
  }

  /** At the end of the stream: it must not stop inside the header or a section. */
  void finish() {
    if (roots == null) {
      throw bad("a CAR without a complete header");
    }
    if (pending.length() > 0) {
      throw bad("a CAR cut off inside a section");
    }
  }

  List<Cid> roots() {
    return roots == null ? List.of() : roots;
  }

  int blocks() {
    return blocks;
  }

  long bytes() {
    return bytes;
  }

  private static List<Cid> header(byte[] lengthAndHeader) {
    try (CarReader reader = CarReader.open(new ByteArrayInputStream(lengthAndHeader))) {
      if (reader.version() != 1) {
        throw bad("a CARv" + reader.version() + " where dag/export writes CARv1");
      }
      return reader.roots();
    } catch (BadInputException e) {
      throw new UpstreamException(
          "ipfs-bad-response", "the node's CAR has an invalid header: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void section(byte[] section) {
    Cid.Read read;
    try {
      read = Cid.read(section, 0);
    } catch (BadInputException e) {
      throw new UpstreamException(
          "ipfs-bad-response", "the node's CAR has a section with an invalid CID", e);
    }
    int length = section.length - read.length();
    if (length > maxBlockBytes) {
      throw new TooLargeException(
          "block-too-large",
          "block "
              + read.cid()
              + " in the node's CAR has "
              + length
              + " bytes, over "
              + maxBlockBytes,
          maxBlockBytes);
    }
    Block.verified(read.cid(), Arrays.copyOfRange(section, read.length(), section.length));
    blocks++;
  }

  /** {value, length} of the varint at {@code at}, or null while it is incomplete. */
  private static long[] varint(Buffer in, int at) {
    long value = 0;
    for (int i = 0; i < MAX_VARINT_BYTES; i++) {
      if (at + i >= in.length()) {
        return null;
      }
      int b = in.getByte(at + i) & 0xff;
      value |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return new long[] {value, i + 1};
      }
    }
    throw bad("a CAR length varint longer than " + MAX_VARINT_BYTES + " bytes");
  }

  private static UpstreamException bad(String what) {
    return new UpstreamException("ipfs-bad-response", "the node sent " + what);
  }
}
