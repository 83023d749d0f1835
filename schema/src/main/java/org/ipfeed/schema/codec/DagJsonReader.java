package org.ipfeed.schema.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multibase;

/**
 * The strict DAG-JSON decoder: a cursor over UTF-8 bytes that accepts exactly what {@link
 * DagJsonWriter} writes. One instance decodes one item; it is not thread-safe.
 */
final class DagJsonReader {

  /** 2^64 - 1 has 20 digits: an integer with more is out of range without being parsed. */
  private static final int MAX_INTEGER_DIGITS = 20;

  /** Up to 18 digits always fit a long. */
  private static final int LONG_SAFE_DIGITS = 18;

  private final byte[] in;
  private final int start;
  private final int end;
  private int pos;

  DagJsonReader(byte[] in, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > in.length) {
      throw new IndexOutOfBoundsException("range " + offset + "+" + length + " of " + in.length);
    }
    this.in = in;
    this.start = offset;
    this.end = offset + length;
    this.pos = offset;
  }

  Ipld readTopLevel() {
    if (pos == end) {
      throw fail(CodecRule.UNEXPECTED_END, pos, "empty input");
    }
    Ipld value = read(0);
    if (pos != end) {
      if (isWhitespace(in[pos])) {
        throw fail(CodecRule.JSON_SYNTAX, pos, "whitespace is not allowed");
      }
      throw fail(CodecRule.TRAILING_BYTES, pos, (end - pos) + " bytes left");
    }
    return value;
  }

  private Ipld read(int depth) {
    if (depth > DagCbor.MAX_DEPTH) {
      throw fail(CodecRule.TOO_DEEP, pos, "more than " + DagCbor.MAX_DEPTH + " levels");
    }
    int at = pos;
    if (at >= end) {
      throw fail(CodecRule.UNEXPECTED_END, at, "expected a value");
    }
    switch (in[at]) {
      case '"':
        return Ipld.of(readString());
      case '{':
        return readMap(depth);
      case '[':
        return readList(depth);
      case 't':
        return literal(at, "true", Ipld.TRUE);
      case 'f':
        return literal(at, "false", Ipld.FALSE);
      case 'n':
        return literal(at, "null", Ipld.NULL);
      case 'N':
        throw nonFinite(at, "NaN");
      case 'I':
        throw nonFinite(at, "Infinity");
      case '-':
        if (at + 1 < end && in[at + 1] == 'I') {
          throw nonFinite(at, "-Infinity");
        }
        return readNumber(at);
      default:
        if (isDigit(in[at])) {
          return readNumber(at);
        }
        throw unexpected(at, "a value");
    }
  }

  private Ipld readList(int depth) {
    pos++; // '['
    ArrayList<Ipld> items = new ArrayList<>();
    if (take(']')) {
      return new Ipld.List(items);
    }
    while (true) {
      items.add(read(depth + 1));
      if (take(',')) {
        continue;
      }
      if (take(']')) {
        return new Ipld.List(items);
      }
      throw unexpected(pos, "',' or ']'");
    }
  }

  private Ipld readMap(int depth) {
    pos++; // '{'
    LinkedHashMap<String, Ipld> entries = new LinkedHashMap<>();
    if (take('}')) {
      return new Ipld.Map(entries);
    }
    String previous = null;
    while (true) {
      int keyAt = pos;
      String key = readKey();
      if (previous != null) {
        // Escapes change a key's bytes, so the order is checked on the decoded keys.
        int order = Ipld.Map.JSON_KEY_ORDER.compare(previous, key);
        if (order == 0) {
          throw fail(CodecRule.DUPLICATE_KEY, keyAt, quote(key));
        }
        if (order > 0) {
          throw fail(CodecRule.MAP_KEY_ORDER, keyAt, quote(key) + " after " + quote(previous));
        }
      }
      expect(':');
      if (key.equals("/")) {
        if (previous != null) {
          throw fail(
              CodecRule.RESERVED_NAMESPACE, keyAt, "a \"/\" key must be the only key of its map");
        }
        return readReserved();
      }
      entries.put(key, read(depth + 1));
      previous = key;
      if (take(',')) {
        continue;
      }
      if (take('}')) {
        return new Ipld.Map(entries);
      }
      throw unexpected(pos, "',' or '}'");
    }
  }

  /** The value of a {@code "/"} key, which must be a link or bytes, and the end of its map. */
  private Ipld readReserved() {
    int valueAt = pos;
    if (valueAt >= end) {
      throw fail(CodecRule.UNEXPECTED_END, valueAt, "expected a value");
    }
    Ipld value;
    if (in[valueAt] == '"') {
      value = Ipld.of(readCid());
    } else if (in[valueAt] == '{') {
      value = readBytesForm();
    } else {
      throw fail(
          CodecRule.RESERVED_NAMESPACE,
          valueAt,
          "\"/\" must map to a CID string or to {\"bytes\":<base64>}");
    }
    closeReserved();
    return value;
  }

  private Cid readCid() {
    int at = pos;
    String text = readString();
    Cid cid;
    try {
      cid = Cid.parse(text);
    } catch (BadInputException e) {
      throw new CodecException(DagJson.NAME, CodecRule.INVALID_CID, at - start, e.getMessage(), e);
    }
    String canonical = cid.toString();
    if (!canonical.equals(text)) {
      throw fail(CodecRule.NON_CANONICAL, at, "the CID is written " + canonical);
    }
    return cid;
  }

  /** {@code {"bytes":"<base64>"}} as the value of a {@code "/"} key. */
  private Ipld readBytesForm() {
    int innerAt = pos;
    pos++; // '{'
    if (pos < end && in[pos] == '}') {
      throw fail(CodecRule.RESERVED_NAMESPACE, innerAt, "\"/\" maps to an empty map");
    }
    int keyAt = pos;
    String key = readKey();
    if (!key.equals("bytes")) {
      throw fail(
          CodecRule.RESERVED_NAMESPACE, keyAt, "a map under \"/\" has the one key \"bytes\"");
    }
    expect(':');
    int valueAt = pos;
    if (valueAt >= end) {
      throw fail(CodecRule.UNEXPECTED_END, valueAt, "expected a value");
    }
    if (in[valueAt] != '"') {
      throw fail(CodecRule.RESERVED_NAMESPACE, valueAt, "\"bytes\" must map to a base64 string");
    }
    String base64 = readString();
    byte[] bytes;
    try {
      bytes = Multibase.BASE64.decodeBare(base64);
    } catch (BadInputException e) {
      throw new CodecException(
          DagJson.NAME, CodecRule.INVALID_BASE64, valueAt - start, e.getMessage(), e);
    }
    closeReserved();
    return Ipld.bytes(bytes);
  }

  /** The close of a map in the reserved namespace; any further key is a misuse of it. */
  private void closeReserved() {
    if (take('}')) {
      return;
    }
    if (take(',')) {
      throw fail(CodecRule.RESERVED_NAMESPACE, pos, "a link or bytes map has no other keys");
    }
    throw unexpected(pos, "'}'");
  }

  private String readKey() {
    if (pos >= end || in[pos] != '"') {
      throw unexpected(pos, "a string key");
    }
    return readString();
  }

  /**
   * A string at {@code pos}. It is scanned and checked before anything is allocated, and then takes
   * no more memory than its bytes in the input.
   */
  private String readString() {
    int at = pos;
    int contentStart = at + 1;
    int i = contentStart;
    int checked = contentStart; // the bytes before are valid UTF-8
    int saved = 0; // bytes the escapes take beyond the one each stands for
    while (true) {
      if (i >= end) {
        throw fail(CodecRule.UNEXPECTED_END, at, "unterminated string");
      }
      int b = in[i] & 0xFF;
      if (b == '"') {
        break;
      }
      if (b == '\\') {
        checkUtf8(checked, i);
        int length = checkEscape(at, i);
        i += length;
        checked = i;
        saved += length - 1;
      } else if (b < 0x20) {
        checkUtf8(checked, i);
        throw fail(CodecRule.JSON_SYNTAX, i, String.format("raw control byte 0x%02x", b));
      } else {
        i++;
      }
    }
    checkUtf8(checked, i);
    pos = i + 1;
    if (saved == 0) {
      return new String(in, contentStart, i - contentStart, StandardCharsets.UTF_8);
    }
    byte[] out = new byte[i - contentStart - saved];
    int n = 0;
    for (int j = contentStart; j < i; j++) {
      byte b = in[j];
      if (b != '\\') {
        out[n++] = b;
        continue;
      }
      byte letter = in[++j];
      if (letter == 'u') {
        out[n++] = (byte) (Character.digit(in[j + 3], 16) << 4 | Character.digit(in[j + 4], 16));
        j += 4;
      } else {
        out[n++] = (byte) unescape(letter);
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  /**
   * Checks the escape at {@code i} and returns its length. Only the escapes JSON.stringify writes
   * are canonical: the two-byte ones and <code>&#92;u00xx</code> (lowercase) for other controls.
   */
  private int checkEscape(int stringAt, int i) {
    if (i + 1 >= end) {
      throw fail(CodecRule.UNEXPECTED_END, stringAt, "unterminated string");
    }
    int letter = in[i + 1];
    if (letter == '/') {
      throw fail(CodecRule.NON_CANONICAL, i, "\\/ is written /");
    }
    if (letter != 'u') {
      if (unescape(letter) < 0) {
        throw fail(CodecRule.JSON_SYNTAX, i, "invalid escape");
      }
      return 2;
    }
    if (end - i < 6) {
      throw fail(CodecRule.UNEXPECTED_END, stringAt, "unterminated string");
    }
    int unit = 0;
    for (int k = i + 2; k < i + 6; k++) {
      int digit = Character.digit(in[k], 16);
      if (digit < 0) {
        throw fail(CodecRule.JSON_SYNTAX, i, "\\u needs four hex digits");
      }
      unit = unit * 16 + digit;
    }
    char shortForm = DagJsonWriter.shortEscape(unit);
    String canonical =
        shortForm != 0
            ? "\\" + shortForm
            : unit >= 0x20 ? "as the character itself" : String.format("\\u%04x", unit);
    String written = new String(in, i, 6, StandardCharsets.US_ASCII);
    if (!written.equals(canonical)) {
      throw fail(CodecRule.NON_CANONICAL, i, written + " is written " + canonical);
    }
    return 6;
  }

  /** The byte a two-byte escape stands for, or -1. */
  private static int unescape(int letter) {
    switch (letter) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      default:
        return -1;
    }
  }

  /** Checked before any later fault is reported, so the first fault is the one named. */
  private void checkUtf8(int from, int to) {
    int bad = Utf8.invalidAt(in, from, to - from);
    if (bad >= 0) {
      throw fail(CodecRule.INVALID_UTF8, bad, null);
    }
  }

  private Ipld readNumber(int at) {
    int i = at;
    boolean negative = in[i] == '-';
    if (negative) {
      i++;
    }
    int intStart = i;
    i = digits(at, i);
    int intEnd = i;
    boolean isFloat = false;
    if (i < end && in[i] == '.') {
      isFloat = true;
      i = digits(at, i + 1);
    }
    if (i < end && (in[i] == 'e' || in[i] == 'E')) {
      isFloat = true;
      i++;
      if (i < end && (in[i] == '+' || in[i] == '-')) {
        i++;
      }
      i = digits(at, i);
    }
    pos = i;
    if (in[intStart] == '0' && intEnd - intStart > 1) {
      throw fail(CodecRule.NON_CANONICAL, at, "leading zero");
    }
    return isFloat ? toFloat(at, i) : toInteger(at, negative, intStart, intEnd);
  }

  /** The end of the one or more digits that must start at {@code i}. */
  private int digits(int numberAt, int i) {
    if (i >= end) {
      throw fail(CodecRule.UNEXPECTED_END, numberAt, "unfinished number");
    }
    if (!isDigit(in[i])) {
      throw unexpected(i, "a digit");
    }
    while (i < end && isDigit(in[i])) {
      i++;
    }
    return i;
  }

  private Ipld toInteger(int at, boolean negative, int digitsStart, int digitsEnd) {
    int count = digitsEnd - digitsStart;
    if (negative && count == 1 && in[digitsStart] == '0') {
      throw fail(CodecRule.NON_CANONICAL, at, "-0 is written 0");
    }
    if (count > MAX_INTEGER_DIGITS) {
      throw fail(CodecRule.INTEGER_RANGE, at, count + " digits");
    }
    if (count <= LONG_SAFE_DIGITS) {
      long value = 0;
      for (int i = digitsStart; i < digitsEnd; i++) {
        value = value * 10 + (in[i] - '0');
      }
      return Ipld.of(negative ? -value : value);
    }
    BigInteger value =
        new BigInteger(new String(in, at, digitsEnd - at, StandardCharsets.US_ASCII));
    if (value.compareTo(Ipld.BigInt.MIN) < 0 || value.compareTo(Ipld.BigInt.MAX) > 0) {
      throw fail(CodecRule.INTEGER_RANGE, at, value.toString());
    }
    return Ipld.of(value);
  }

  private Ipld toFloat(int at, int numberEnd) {
    if (numberEnd - at > FloatFormat.MAX_LENGTH) {
      throw fail(
          CodecRule.NON_CANONICAL,
          at,
          "longer than the " + FloatFormat.MAX_LENGTH + " bytes of the longest canonical float");
    }
    String text = new String(in, at, numberEnd - at, StandardCharsets.US_ASCII);
    double value = Double.parseDouble(text);
    if (!Double.isFinite(value)) {
      throw fail(CodecRule.NON_FINITE_FLOAT, at, text + " is beyond the largest double");
    }
    String canonical = FloatFormat.format(value);
    if (!canonical.equals(text)) {
      throw fail(CodecRule.NON_CANONICAL, at, "this float is written " + canonical);
    }
    return new Ipld.Float(value);
  }

  private Ipld literal(int at, String word, Ipld value) {
    for (int k = 0; k < word.length(); k++) {
      if (at + k >= end) {
        throw fail(CodecRule.UNEXPECTED_END, at, "unfinished " + word);
      }
      if (in[at + k] != word.charAt(k)) {
        throw fail(CodecRule.JSON_SYNTAX, at, "expected " + word);
      }
    }
    pos = at + word.length();
    return value;
  }

  private CodecException nonFinite(int at, String word) {
    for (int k = 0; k < word.length(); k++) {
      if (at + k >= end || in[at + k] != word.charAt(k)) {
        return unexpected(at, "a value");
      }
    }
    return fail(CodecRule.NON_FINITE_FLOAT, at, word + " is not a JSON number");
  }

  private boolean take(char c) {
    if (pos < end && in[pos] == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!take(c)) {
      throw unexpected(pos, "'" + c + "'");
    }
  }

  /** The error for whatever is at {@code at} when {@code expected} should be. */
  private CodecException unexpected(int at, String expected) {
    if (at >= end) {
      return fail(CodecRule.UNEXPECTED_END, at, "expected " + expected);
    }
    int b = in[at] & 0xFF;
    if (isWhitespace(in[at])) {
      return fail(CodecRule.JSON_SYNTAX, at, "whitespace is not allowed");
    }
    String found = b > 0x20 && b < 0x7F ? "'" + (char) b + "'" : String.format("byte 0x%02x", b);
    return fail(CodecRule.JSON_SYNTAX, at, "expected " + expected + ", found " + found);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  /** A key for a message, cut short: messages travel to clients and logs. */
  private static String quote(String key) {
    return "\"" + (key.length() <= 64 ? key : key.substring(0, 64) + "...") + "\"";
  }

  private CodecException fail(CodecRule rule, int at, String detail) {
    return new CodecException(DagJson.NAME, rule, at - start, detail);
  }
}
