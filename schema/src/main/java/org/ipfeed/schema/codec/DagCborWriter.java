package org.ipfeed.schema.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.ipfeed.schema.ipld.Ipld;

/**
 * The canonical DAG-CBOR encoder: shortest heads, definite lengths, 64-bit floats, map keys in the
 * order {@link Ipld.Map} already keeps them, links as tag 42 over {@code 0x00 || cid}.
 */
final class DagCborWriter {

  static final int MAJOR_UNSIGNED = 0;
  static final int MAJOR_NEGATIVE = 1;
  static final int MAJOR_BYTES = 2;
  static final int MAJOR_STRING = 3;
  static final int MAJOR_ARRAY = 4;
  static final int MAJOR_MAP = 5;
  static final int MAJOR_TAG = 6;
  static final int CID_TAG = 42;

  private static final byte FALSE = (byte) 0xf4;
  private static final byte TRUE = (byte) 0xf5;
  private static final byte NULL = (byte) 0xf6;
  private static final byte FLOAT64 = (byte) 0xfb;

  private byte[] buf = new byte[256];
  private int len;

  DagCborWriter write(Ipld value) {
    // Java 17 has no pattern switch; the chain is ordered by how often each kind occurs.
    if (value instanceof Ipld.Str s) {
      writeString(s.value());
    } else if (value instanceof Ipld.Int i) {
      writeInt(i.value());
    } else if (value instanceof Ipld.Map m) {
      head(MAJOR_MAP, m.size());
      for (Map.Entry<String, Ipld> e : m.entries().entrySet()) {
        writeString(e.getKey());
        write(e.getValue());
      }
    } else if (value instanceof Ipld.Link l) {
      head(MAJOR_TAG, CID_TAG);
      int cidLength = l.cid().byteLength();
      head(MAJOR_BYTES, cidLength + 1L);
      ensure(cidLength + 1);
      buf[len++] = 0x00; // the identity multibase prefix DAG-CBOR requires
      len = l.cid().writeTo(buf, len);
    } else if (value instanceof Ipld.List l) {
      head(MAJOR_ARRAY, l.size());
      for (Ipld item : l.values()) {
        write(item);
      }
    } else if (value instanceof Ipld.Bytes b) {
      writeBytes(b.value());
    } else if (value instanceof Ipld.Bool b) {
      put(b.value() ? TRUE : FALSE);
    } else if (value instanceof Ipld.Null) {
      put(NULL);
    } else if (value instanceof Ipld.Float f) {
      writeFloat(f.value());
    } else if (value instanceof Ipld.BigInt b) {
      writeBigInt(b.value());
    } else {
      throw new IllegalStateException("unknown IPLD kind " + value.kind());
    }
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void writeInt(long value) {
    if (value >= 0) {
      head(MAJOR_UNSIGNED, value);
    } else {
      head(MAJOR_NEGATIVE, -1 - value);
    }
  }

  private void writeBigInt(BigInteger value) {
    // Outside the long range but within 64 unsigned bits of argument: longValue() keeps
    // exactly the low 64 bits, which is the argument read as unsigned.
    if (value.signum() > 0) {
      head(MAJOR_UNSIGNED, value.longValue());
    } else {
      head(MAJOR_NEGATIVE, BigInteger.ONE.negate().subtract(value).longValue());
    }
  }

  private void writeFloat(double value) {
    ensure(9);
    buf[len++] = FLOAT64;
    long bits = Double.doubleToRawLongBits(value);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (bits >>> shift);
    }
  }

  private void writeString(String s) {
    int n = s.length();
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      head(MAJOR_STRING, n);
      ensure(n);
      for (int i = 0; i < n; i++) {
        buf[len++] = (byte) s.charAt(i);
      }
    } else {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      head(MAJOR_STRING, utf8.length);
      append(utf8);
    }
  }

  private void writeBytes(byte[] bytes) {
    head(MAJOR_BYTES, bytes.length);
    append(bytes);
  }

  /** A head with the shortest argument; {@code argument} is read as unsigned. */
  private void head(int major, long argument) {
    ensure(9);
    int m = major << 5;
    if (argument >= 0 && argument < 24) {
      buf[len++] = (byte) (m | (int) argument);
    } else if (argument >= 0 && argument < 0x100) {
      buf[len++] = (byte) (m | 24);
      buf[len++] = (byte) argument;
    } else if (argument >= 0 && argument < 0x10000) {
      buf[len++] = (byte) (m | 25);
      buf[len++] = (byte) (argument >>> 8);
      buf[len++] = (byte) argument;
    } else if (argument >= 0 && argument < 0x100000000L) {
      buf[len++] = (byte) (m | 26);
      for (int shift = 24; shift >= 0; shift -= 8) {
        buf[len++] = (byte) (argument >>> shift);
      }
    } else {
      buf[len++] = (byte) (m | 27);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[len++] = (byte) (argument >>> shift);
      }
    }
  }

  private void put(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  private void append(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
