package org.ipfeed.schema.codec;

import static org.ipfeed.schema.codec.DagCborWriter.CID_TAG;
import static org.ipfeed.schema.codec.DagCborWriter.MAJOR_ARRAY;
import static org.ipfeed.schema.codec.DagCborWriter.MAJOR_BYTES;
import static org.ipfeed.schema.codec.DagCborWriter.MAJOR_MAP;
import static org.ipfeed.schema.codec.DagCborWriter.MAJOR_NEGATIVE;
import static org.ipfeed.schema.codec.DagCborWriter.MAJOR_STRING;
import static org.ipfeed.schema.codec.DagCborWriter.MAJOR_TAG;
import static org.ipfeed.schema.codec.DagCborWriter.MAJOR_UNSIGNED;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/**
 * The strict DAG-CBOR decoder: a cursor over a byte range that accepts only canonical encodings.
 * One instance decodes one item; it is not thread-safe.
 */
final class DagCborReader {

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private final byte[] in;
  private final int start;
  private final int end;
  private int pos;

  DagCborReader(byte[] in, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > in.length) {
      throw new IndexOutOfBoundsException("range " + offset + "+" + length + " of " + in.length);
    }
    this.in = in;
    this.start = offset;
    this.end = offset + length;
    this.pos = offset;
  }

  Ipld readTopLevel() {
    Ipld value = read(0);
    if (pos != end) {
      throw fail(CodecRule.TRAILING_BYTES, pos, (end - pos) + " bytes left");
    }
    return value;
  }

  private Ipld read(int depth) {
    if (depth > DagCbor.MAX_DEPTH) {
      throw fail(CodecRule.TOO_DEEP, pos, "more than " + DagCbor.MAX_DEPTH + " levels");
    }
    int at = pos;
    int initial = next(at);
    int major = initial >>> 5;
    int info = initial & 0x1F;
    if (major == 7) {
      return readSimple(at, info);
    }
    if (info == 31) {
      if (major >= MAJOR_BYTES && major <= MAJOR_MAP) {
        throw fail(CodecRule.INDEFINITE_LENGTH, at, null);
      }
      throw fail(CodecRule.MALFORMED, at, "indefinite length on major type " + major);
    }
    long argument = argument(at, info);
    switch (major) {
      case MAJOR_UNSIGNED:
        return argument >= 0 ? Ipld.of(argument) : new Ipld.BigInt(unsigned(argument));
      case MAJOR_NEGATIVE:
        return argument >= 0
            ? Ipld.of(-1 - argument)
            : new Ipld.BigInt(BigInteger.ONE.negate().subtract(unsigned(argument)));
      case MAJOR_BYTES:
        return Ipld.bytes(take(at, argument));
      case MAJOR_STRING:
        return Ipld.of(string(at, argument));
      case MAJOR_ARRAY:
        return readList(at, argument, depth);
      case MAJOR_MAP:
        return readMap(at, argument, depth);
      case MAJOR_TAG:
        return readLink(at, argument);
      default:
        throw new IllegalStateException("major type " + major);
    }
  }

  private Ipld readSimple(int at, int info) {
    switch (info) {
      case 20:
        return Ipld.FALSE;
      case 21:
        return Ipld.TRUE;
      case 22:
        return Ipld.NULL;
      case 23:
        throw fail(CodecRule.UNDEFINED, at, null);
      case 25:
      case 26:
        throw fail(CodecRule.FLOAT_WIDTH, at, (info == 25 ? 16 : 32) + "-bit float");
      case 27:
        {
          need(at, 8);
          long bits = 0;
          for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (in[pos++] & 0xFF);
          }
          double d = Double.longBitsToDouble(bits);
          if (!Double.isFinite(d)) {
            throw fail(CodecRule.NON_FINITE_FLOAT, at, Double.toString(d));
          }
          return new Ipld.Float(d);
        }
      case 28:
      case 29:
      case 30:
        throw fail(CodecRule.MALFORMED, at, "reserved additional information " + info);
      case 31:
        throw fail(CodecRule.MALFORMED, at, "break outside an indefinite-length item");
      default:
        throw fail(CodecRule.SIMPLE_VALUE, at, "simple value " + (info == 24 ? "(1-byte)" : info));
    }
  }

  private Ipld readList(int at, long count, int depth) {
    requireAvailable(at, count, 1);
    int n = (int) count;
    ArrayList<Ipld> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      items.add(read(depth + 1));
    }
    return new Ipld.List(items);
  }

  private Ipld readMap(int at, long count, int depth) {
    requireAvailable(at, count, 2);
    int n = (int) count;
    LinkedHashMap<String, Ipld> entries = new LinkedHashMap<>(n * 2);
    int previousKeyStart = -1;
    int previousKeyEnd = -1;
    for (int i = 0; i < n; i++) {
      int keyStart = pos;
      int initial = next(keyStart);
      if (initial >>> 5 != MAJOR_STRING) {
        throw fail(CodecRule.MAP_KEY_TYPE, keyStart, "major type " + (initial >>> 5));
      }
      if ((initial & 0x1F) == 31) {
        throw fail(CodecRule.INDEFINITE_LENGTH, keyStart, null);
      }
      String key = string(keyStart, argument(keyStart, initial & 0x1F));
      int keyEnd = pos;
      if (previousKeyStart >= 0) {
        // Comparing whole encoded keys (head included) bytewise is exactly "length first,
        // then bytes", because a longer string never has a smaller head.
        int order =
            Arrays.compareUnsigned(in, previousKeyStart, previousKeyEnd, in, keyStart, keyEnd);
        if (order == 0) {
          throw fail(CodecRule.DUPLICATE_KEY, keyStart, "\"" + key + "\"");
        }
        if (order > 0) {
          throw fail(CodecRule.MAP_KEY_ORDER, keyStart, "\"" + key + "\"");
        }
      }
      previousKeyStart = keyStart;
      previousKeyEnd = keyEnd;
      entries.put(key, read(depth + 1));
    }
    return new Ipld.Map(entries);
  }

  private Ipld readLink(int at, long tag) {
    if (tag != CID_TAG) {
      throw fail(
          CodecRule.FOREIGN_TAG, at, "tag " + (tag >= 0 ? Long.toString(tag) : unsigned(tag)));
    }
    int bytesAt = pos;
    int initial = next(bytesAt);
    if (initial >>> 5 != MAJOR_BYTES) {
      throw fail(CodecRule.LINK_NOT_BYTES, bytesAt, "major type " + (initial >>> 5));
    }
    if ((initial & 0x1F) == 31) {
      throw fail(CodecRule.INDEFINITE_LENGTH, bytesAt, null);
    }
    long length = argument(bytesAt, initial & 0x1F);
    int contentAt = pos;
    byte[] raw = take(bytesAt, length);
    if (raw.length == 0 || raw[0] != 0x00) {
      throw fail(CodecRule.CID_PREFIX, contentAt, null);
    }
    try {
      return Ipld.of(Cid.decode(Arrays.copyOfRange(raw, 1, raw.length)));
    } catch (BadInputException e) {
      throw new CodecException(
          DagCbor.NAME, CodecRule.INVALID_CID, contentAt + 1 - start, e.getMessage(), e);
    }
  }

  /** The argument of a head whose initial byte is at {@code at}; must be minimal. */
  private long argument(int at, int info) {
    if (info < 24) {
      return info;
    }
    int size;
    long min;
    switch (info) {
      case 24:
        size = 1;
        min = 24;
        break;
      case 25:
        size = 2;
        min = 0x100;
        break;
      case 26:
        size = 4;
        min = 0x10000;
        break;
      case 27:
        size = 8;
        min = 0x100000000L;
        break;
      default:
        throw fail(CodecRule.MALFORMED, at, "reserved additional information " + info);
    }
    need(at, size);
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | (in[pos++] & 0xFF);
    }
    if (Long.compareUnsigned(value, min) < 0) {
      throw fail(CodecRule.NON_MINIMAL, at, null);
    }
    return value;
  }

  /** Refuses a count that the remaining bytes cannot hold, before anything is allocated. */
  private void requireAvailable(int at, long count, int minBytesPerItem) {
    long left = end - pos;
    if (count < 0 || count > left / minBytesPerItem) {
      throw fail(
          CodecRule.UNEXPECTED_END,
          at,
          "header claims "
              + (count < 0 ? unsigned(count) : BigInteger.valueOf(count))
              + " items but "
              + left
              + " bytes are left");
    }
  }

  private byte[] take(int at, long length) {
    long left = end - pos;
    if (length < 0 || length > left) {
      throw fail(
          CodecRule.UNEXPECTED_END,
          at,
          "length "
              + (length < 0 ? unsigned(length) : BigInteger.valueOf(length))
              + " but "
              + left
              + " bytes are left");
    }
    byte[] out = Arrays.copyOfRange(in, pos, pos + (int) length);
    pos += (int) length;
    return out;
  }

  private String string(int at, long length) {
    long left = end - pos;
    if (length < 0 || length > left) {
      throw fail(
          CodecRule.UNEXPECTED_END,
          at,
          "string length "
              + (length < 0 ? unsigned(length) : BigInteger.valueOf(length))
              + " but "
              + left
              + " bytes are left");
    }
    int n = (int) length;
    int bad = Utf8.invalidAt(in, pos, n);
    if (bad >= 0) {
      throw fail(CodecRule.INVALID_UTF8, bad, null);
    }
    String s = new String(in, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  private int next(int at) {
    if (pos >= end) {
      throw fail(CodecRule.UNEXPECTED_END, at, null);
    }
    return in[pos++] & 0xFF;
  }

  private void need(int at, int bytes) {
    if (end - pos < bytes) {
      throw fail(CodecRule.UNEXPECTED_END, at, null);
    }
  }

  private static BigInteger unsigned(long value) {
    return value >= 0 ? BigInteger.valueOf(value) : BigInteger.valueOf(value).add(TWO_64);
  }

  private CodecException fail(CodecRule rule, int at, String detail) {
    return new CodecException(DagCbor.NAME, rule, at - start, detail);
  }
}
