package org.ipfeed.schema.ipld;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Objects;
import org.ipfeed.schema.multiformats.Cid;

/** A value of the IPLD data model; see the package documentation. */
public sealed interface Ipld
    permits Ipld.Null,
        Ipld.Bool,
        Ipld.Int,
        Ipld.BigInt,
        Ipld.Float,
        Ipld.Str,
        Ipld.Bytes,
        Ipld.List,
        Ipld.Map,
        Ipld.Link {

  /** The data model kinds. Both integer records are {@link #INTEGER}. */
  enum Kind {
    NULL,
    BOOLEAN,
    INTEGER,
    FLOAT,
    STRING,
    BYTES,
    LIST,
    MAP,
    LINK
  }

  Kind kind();

  Null NULL = new Null();
  Bool TRUE = new Bool(true);
  Bool FALSE = new Bool(false);

  static Int of(long value) {
    return new Int(value);
  }

  /** An integer of any size DAG-CBOR can carry, in its one representation. */
  static Ipld of(BigInteger value) {
    return value.bitLength() < 64 ? new Int(value.longValueExact()) : new BigInt(value);
  }

  static Bool of(boolean value) {
    return value ? TRUE : FALSE;
  }

  static Str of(String value) {
    return new Str(value);
  }

  static Link of(Cid cid) {
    return new Link(cid);
  }

  static Bytes bytes(byte[] value) {
    return new Bytes(value);
  }

  static List list(Ipld... values) {
    return new List(java.util.List.of(values));
  }

  static Map.Builder map() {
    return new Map.Builder();
  }

  /** The null value; use {@link Ipld#NULL}. */
  record Null() implements Ipld {
    @Override
    public Kind kind() {
      return Kind.NULL;
    }
  }

  record Bool(boolean value) implements Ipld {
    @Override
    public Kind kind() {
      return Kind.BOOLEAN;
    }
  }

  record Int(long value) implements Ipld {
    @Override
    public Kind kind() {
      return Kind.INTEGER;
    }
  }

  /** An integer outside the {@code long} range, within [-2^64, 2^64 - 1]. */
  record BigInt(BigInteger value) implements Ipld {
    /** The largest integer DAG-CBOR can carry: 2^64 - 1. */
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** The smallest integer DAG-CBOR can carry: -2^64. */
    public static final BigInteger MIN = BigInteger.ONE.shiftLeft(64).negate();

    public BigInt {
      Objects.requireNonNull(value, "value");
      if (value.bitLength() < 64) {
        throw new IllegalArgumentException(value + " fits a long: use Ipld.Int");
      }
      if (value.compareTo(MAX) > 0 || value.compareTo(MIN) < 0) {
        throw new IllegalArgumentException(value + " is outside [-2^64, 2^64-1]");
      }
    }

    @Override
    public Kind kind() {
      return Kind.INTEGER;
    }
  }

  /** A finite 64-bit float. */
  record Float(double value) implements Ipld {
    public Float {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("IPLD floats are finite, not " + value);
      }
    }

    @Override
    public Kind kind() {
      return Kind.FLOAT;
    }
  }

  /** A string of Unicode scalar values: a lone surrogate has no UTF-8 encoding, so none here. */
  record Str(String value) implements Ipld {
    public Str {
      Objects.requireNonNull(value, "value");
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isSurrogate(c)) {
          if (Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            i++;
          } else {
            throw new IllegalArgumentException("lone surrogate at index " + i);
          }
        }
      }
    }

    @Override
    public Kind kind() {
      return Kind.STRING;
    }
  }

  /** A byte string. The array is copied in and out, so the value stays immutable. */
  record Bytes(byte[] value) implements Ipld {
    public Bytes {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    public int length() {
      return value.length;
    }

    @Override
    public Kind kind() {
      return Kind.BYTES;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(b.value, value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bytes[" + value.length + "]";
    }
  }

  record List(java.util.List<Ipld> values) implements Ipld {
    public List {
      values = java.util.List.copyOf(values);
    }

    public int size() {
      return values.size();
    }

    public Ipld get(int index) {
      return values.get(index);
    }

    @Override
    public Kind kind() {
      return Kind.LIST;
    }
  }

  /**
   * A map with string keys. Entries are kept in DAG-CBOR key order: shorter UTF-8 encoding first,
   * then bytewise. The map is unmodifiable.
   */
  record Map(java.util.Map<String, Ipld> entries) implements Ipld {

    /** DAG-CBOR key order: UTF-8 length, then UTF-8 bytes (which is code point order). */
    public static final Comparator<String> CBOR_KEY_ORDER = Map::compareCborKeys;

    /** DAG-JSON key order: UTF-8 bytes, which is code point order. */
    public static final Comparator<String> JSON_KEY_ORDER = Map::compareCodePoints;

    public Map {
      String[] keys = entries.keySet().toArray(new String[0]);
      Arrays.sort(keys, CBOR_KEY_ORDER);
      LinkedHashMap<String, Ipld> sorted = new LinkedHashMap<>(keys.length * 2);
      for (String key : keys) {
        sorted.put(
            Objects.requireNonNull(key, "key"), Objects.requireNonNull(entries.get(key), key));
      }
      entries = Collections.unmodifiableMap(sorted);
    }

    public Ipld get(String key) {
      return entries.get(key);
    }

    public int size() {
      return entries.size();
    }

    @Override
    public Kind kind() {
      return Kind.MAP;
    }

    /** Builds a map in any order; a key given twice is a programming error. */
    public static final class Builder {
      private final LinkedHashMap<String, Ipld> entries = new LinkedHashMap<>();

      public Builder put(String key, Ipld value) {
        Objects.requireNonNull(value, key);
        if (entries.putIfAbsent(key, value) != null) {
          throw new IllegalArgumentException("duplicate map key " + key);
        }
        return this;
      }

      public Builder put(String key, String value) {
        return put(key, new Str(value));
      }

      public Builder put(String key, long value) {
        return put(key, new Int(value));
      }

      public Builder put(String key, Cid value) {
        return put(key, new Link(value));
      }

      public Map build() {
        return new Map(entries);
      }
    }

    static int compareCborKeys(String a, String b) {
      int byLength = Integer.compare(utf8Length(a), utf8Length(b));
      return byLength != 0 ? byLength : compareCodePoints(a, b);
    }

    static int compareCodePoints(String a, String b) {
      int i = 0;
      int j = 0;
      while (i < a.length() && j < b.length()) {
        int ca = a.codePointAt(i);
        int cb = b.codePointAt(j);
        if (ca != cb) {
          return Integer.compare(ca, cb);
        }
        i += Character.charCount(ca);
        j += Character.charCount(cb);
      }
      return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Bytes of the UTF-8 encoding, without encoding. */
    public static int utf8Length(String s) {
      int n = s.length();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          if (c < 0x800) {
            n += 1;
          } else if (Character.isHighSurrogate(c)) {
            n += 2; // four bytes for two chars
            i++;
          } else {
            n += 2;
          }
        }
      }
      return n;
    }
  }

  record Link(Cid cid) implements Ipld {
    public Link {
      Objects.requireNonNull(cid, "cid");
    }

    @Override
    public Kind kind() {
      return Kind.LINK;
    }
  }
}
