package org.ipfeed.schema.multiformats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.ipfeed.schema.error.BadInputException;

/**
 * Unsigned varints as multiformats use them: 7 bits per byte, least significant group first,
 * minimally encoded, at most {@value #MAX_BYTES} bytes (63 bits).
 */
public final class Varint {

  /** The multiformats limit: 9 bytes carry 63 bits, so every value fits a non-negative long. */
  public static final int MAX_BYTES = 9;

  private Varint() {}

  /** How many bytes {@code value} takes. */
  public static int size(long value) {
    requireUnsigned(value);
    int n = 1;
    while ((value >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  /** Writes {@code value} at {@code offset} and returns the offset after it. */
  public static int write(long value, byte[] out, int offset) {
    requireUnsigned(value);
    while ((value & ~0x7FL) != 0) {
      out[offset++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[offset++] = (byte) value;
    return offset;
  }

  /** Appends {@code value} to {@code out}. */
  public static void write(long value, ByteArrayOutputStream out) {
    byte[] buf = new byte[MAX_BYTES];
    out.write(buf, 0, write(value, buf, 0));
  }

  /** The encoding of {@code value} on its own. */
  public static byte[] encode(long value) {
    byte[] buf = new byte[size(value)];
    write(value, buf, 0);
    return buf;
  }

  /** A value read from bytes, with the number of bytes it took. */
  public record Read(long value, int length) {}

  /**
   * Reads a varint at {@code offset}.
   *
   * @throws BadInputException {@code invalid-varint} when it is truncated, longer than {@value
   *     #MAX_BYTES} bytes or not minimal
   */
  public static Read read(byte[] in, int offset) {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (offset + i >= in.length) {
        throw invalid("truncated varint at byte " + (offset + i));
      }
      int b = in[offset + i] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw invalid("non-minimal varint at byte " + offset);
        }
        return new Read(value, i + 1);
      }
    }
    throw invalid("varint longer than " + MAX_BYTES + " bytes at byte " + offset);
  }

  /**
   * Reads a varint from a stream.
   *
   * @return the value, or -1 if the stream ended cleanly before its first byte
   * @throws BadInputException {@code invalid-varint} when it is truncated, too long or not minimal
   */
  public static long read(InputStream in) throws IOException {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      int b = in.read();
      if (b < 0) {
        if (i == 0) {
          return -1;
        }
        throw invalid("truncated varint");
      }
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw invalid("non-minimal varint");
        }
        return value;
      }
    }
    throw invalid("varint longer than " + MAX_BYTES + " bytes");
  }

  private static void requireUnsigned(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varints are unsigned: " + value);
    }
  }

  private static BadInputException invalid(String message) {
    return new BadInputException("invalid-varint", message);
  }
}
