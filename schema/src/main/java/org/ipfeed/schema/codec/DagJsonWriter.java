package org.ipfeed.schema.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Multibase;

/**
 * The canonical DAG-JSON encoder: no whitespace, map keys in UTF-8 byte order, strings escaped as
 * {@code JSON.stringify} escapes them, numbers and the {@code "/"} forms as {@link DagJson}
 * describes.
 */
final class DagJsonWriter {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf = new byte[256];
  private int len;

  DagJsonWriter write(Ipld value) {
    // Java 17 has no pattern switch; the chain is ordered by how often each kind occurs.
    if (value instanceof Ipld.Str s) {
      writeString(s.value());
    } else if (value instanceof Ipld.Int i) {
      ascii(Long.toString(i.value()));
    } else if (value instanceof Ipld.Map m) {
      writeMap(m);
    } else if (value instanceof Ipld.Link l) {
      ascii("{\"/\":\"");
      ascii(l.cid().toString());
      ascii("\"}");
    } else if (value instanceof Ipld.List l) {
      put('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          put(',');
        }
        write(l.get(i));
      }
      put(']');
    } else if (value instanceof Ipld.Bytes b) {
      ascii("{\"/\":{\"bytes\":\"");
      ascii(Multibase.BASE64.encodeBare(b.value()));
      ascii("\"}}");
    } else if (value instanceof Ipld.Bool b) {
      ascii(b.value() ? "true" : "false");
    } else if (value instanceof Ipld.Null) {
      ascii("null");
    } else if (value instanceof Ipld.Float f) {
      ascii(FloatFormat.format(f.value()));
    } else if (value instanceof Ipld.BigInt b) {
      ascii(b.value().toString());
    } else {
      throw new IllegalStateException("unknown IPLD kind " + value.kind());
    }
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void writeMap(Ipld.Map m) {
    if (m.entries().containsKey("/")) {
      // Written out, it would read back as a link, as bytes, or not at all (see DagJson).
      throw new CodecException(
          DagJson.NAME,
          CodecRule.RESERVED_NAMESPACE,
          len,
          "a map with a \"/\" key has no DAG-JSON form; offset is in the output");
    }
    String[] keys = m.entries().keySet().toArray(new String[0]);
    Arrays.sort(keys, Ipld.Map.JSON_KEY_ORDER);
    put('{');
    for (int i = 0; i < keys.length; i++) {
      if (i > 0) {
        put(',');
      }
      writeString(keys[i]);
      put(':');
      write(m.get(keys[i]));
    }
    put('}');
  }

  private void writeString(String s) {
    put('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        put(c);
      } else if (c < 0x80) {
        escape(c);
      } else if (c < 0x800) {
        ensure(2);
        buf[len++] = (byte) (0xC0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)) {
        // Ipld.Str holds no lone surrogates, so a low one follows.
        int cp = Character.toCodePoint(c, s.charAt(++i));
        ensure(4);
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        ensure(3);
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    put('"');
  }

  /** The escape JSON.stringify writes for {@code "}, {@code \} and the controls below 0x20. */
  private void escape(char c) {
    char shortForm = shortEscape(c);
    if (shortForm != 0) {
      put('\\');
      put(shortForm);
    } else {
      ascii("\\u00");
      put(HEX[c >> 4]);
      put(HEX[c & 0xF]);
    }
  }

  /** The letter after the backslash for characters with a two-byte escape, or 0. */
  static char shortEscape(int c) {
    switch (c) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '\b':
        return 'b';
      case '\f':
        return 'f';
      case '\n':
        return 'n';
      case '\r':
        return 'r';
      case '\t':
        return 't';
      default:
        return 0;
    }
  }

  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void put(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
