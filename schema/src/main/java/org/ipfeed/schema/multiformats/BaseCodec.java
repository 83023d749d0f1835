package org.ipfeed.schema.multiformats;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The three families of text encodings multibase names. Package-private: callers go through {@link
 * Multibase}, which adds the prefix.
 *
 * <p>Decoders throw {@link IllegalArgumentException} with a short reason; {@link Multibase} wraps
 * it into the error vocabulary with the encoding's name.
 */
sealed interface BaseCodec {

  String encode(byte[] bytes);

  byte[] decode(String text);

  /** Builds a reverse lookup table for an ASCII alphabet, optionally accepting either case. */
  private static int[] lookup(String alphabet, boolean caseInsensitive) {
    int[] table = new int[128];
    Arrays.fill(table, -1);
    for (int i = 0; i < alphabet.length(); i++) {
      char c = alphabet.charAt(i);
      table[c] = i;
      if (caseInsensitive) {
        table[Character.toLowerCase(c)] = i;
        table[Character.toUpperCase(c)] = i;
      }
    }
    return table;
  }

  private static int digit(int[] table, char c, int position) {
    int d = c < 128 ? table[c] : -1;
    if (d < 0) {
      throw new IllegalArgumentException("invalid character '" + c + "' at position " + position);
    }
    return d;
  }

  /**
   * RFC 4648 style: the bytes are read as one bit string, cut into groups of {@code bitsPerChar}
   * bits, most significant first (base2, base8, base16, base32, base64 and their variants).
   */
  record Rfc4648(String alphabet, int bitsPerChar, boolean padded, int[] table)
      implements BaseCodec {

    static Rfc4648 of(String alphabet, int bitsPerChar, boolean padded, boolean caseInsensitive) {
      return new Rfc4648(alphabet, bitsPerChar, padded, lookup(alphabet, caseInsensitive));
    }

    /** Characters per padded block: 8 for base32, 4 for base64, 1 where padding never applies. */
    private int block() {
      return switch (bitsPerChar) {
        case 5 -> 8;
        case 6 -> 4;
        default -> 1;
      };
    }

    @Override
    public String encode(byte[] bytes) {
      int mask = (1 << bitsPerChar) - 1;
      StringBuilder out = new StringBuilder((bytes.length * 8 + bitsPerChar - 1) / bitsPerChar + 8);
      int buffer = 0;
      int bits = 0;
      for (byte b : bytes) {
        buffer = (buffer << 8) | (b & 0xFF);
        bits += 8;
        while (bits >= bitsPerChar) {
          bits -= bitsPerChar;
          out.append(alphabet.charAt((buffer >> bits) & mask));
        }
      }
      if (bits > 0) {
        out.append(alphabet.charAt((buffer << (bitsPerChar - bits)) & mask));
      }
      if (padded) {
        while (out.length() % block() != 0) {
          out.append('=');
        }
      }
      return out.toString();
    }

    @Override
    public byte[] decode(String text) {
      int end = text.length();
      if (padded) {
        if (end % block() != 0) {
          throw new IllegalArgumentException("padded length must be a multiple of " + block());
        }
        while (end > 0 && text.charAt(end - 1) == '=') {
          end--;
        }
      }
      byte[] out = new byte[end * bitsPerChar / 8];
      int buffer = 0;
      int bits = 0;
      int written = 0;
      for (int i = 0; i < end; i++) {
        buffer = (buffer << bitsPerChar) | digit(table, text.charAt(i), i);
        bits += bitsPerChar;
        if (bits >= 8) {
          bits -= 8;
          out[written++] = (byte) (buffer >> bits);
        }
      }
      // Canonical input leaves fewer than bitsPerChar bits over, all zero; anything else would
      // let two strings name the same bytes.
      if (bits >= bitsPerChar || (buffer & ((1 << bits) - 1)) != 0) {
        throw new IllegalArgumentException("non-canonical trailing bits");
      }
      if (padded && (text.length() - end) != padding(written)) {
        throw new IllegalArgumentException("wrong amount of padding");
      }
      return out;
    }

    private int padding(int byteCount) {
      int chars = (byteCount * 8 + bitsPerChar - 1) / bitsPerChar;
      return (block() - chars % block()) % block();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Rfc4648 r
          && r.alphabet.equals(alphabet)
          && r.bitsPerChar == bitsPerChar
          && r.padded == padded;
    }

    @Override
    public int hashCode() {
      return alphabet.hashCode() * 31 + bitsPerChar;
    }

    @Override
    public String toString() {
      return "Rfc4648[" + alphabet + "]";
    }
  }

  /**
   * Positional notation in an arbitrary radix, with each leading zero byte written as the
   * alphabet's first character (base10, base36, base58).
   */
  record Radix(String alphabet, int[] table) implements BaseCodec {

    static Radix of(String alphabet, boolean caseInsensitive) {
      return new Radix(alphabet, lookup(alphabet, caseInsensitive));
    }

    @Override
    public String encode(byte[] bytes) {
      int zeros = 0;
      while (zeros < bytes.length && bytes[zeros] == 0) {
        zeros++;
      }
      int radix = alphabet.length();
      // Repeated division of the big-endian number by the radix; digits come out least
      // significant first. Quadratic, which is fine for keys and CIDs.
      byte[] number = Arrays.copyOfRange(bytes, zeros, bytes.length);
      char[] digits = new char[bytes.length * 8 + 1];
      int pos = digits.length;
      int start = 0;
      while (start < number.length) {
        int remainder = 0;
        for (int i = start; i < number.length; i++) {
          int acc = (remainder << 8) | (number[i] & 0xFF);
          number[i] = (byte) (acc / radix);
          remainder = acc % radix;
        }
        digits[--pos] = alphabet.charAt(remainder);
        while (start < number.length && number[start] == 0) {
          start++;
        }
      }
      StringBuilder out = new StringBuilder(zeros + digits.length - pos);
      for (int i = 0; i < zeros; i++) {
        out.append(alphabet.charAt(0));
      }
      return out.append(digits, pos, digits.length - pos).toString();
    }

    @Override
    public byte[] decode(String text) {
      int zeros = 0;
      while (zeros < text.length() && digit(table, text.charAt(zeros), zeros) == 0) {
        zeros++;
      }
      BigInteger radix = BigInteger.valueOf(alphabet.length());
      BigInteger value = BigInteger.ZERO;
      for (int i = zeros; i < text.length(); i++) {
        value = value.multiply(radix).add(BigInteger.valueOf(digit(table, text.charAt(i), i)));
      }
      byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
      int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
      byte[] out = new byte[zeros + magnitude.length - skip];
      System.arraycopy(magnitude, skip, out, zeros, magnitude.length - skip);
      return out;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Radix r && r.alphabet.equals(alphabet);
    }

    @Override
    public int hashCode() {
      return alphabet.hashCode();
    }

    @Override
    public String toString() {
      return "Radix[" + alphabet + "]";
    }
  }

  /** One code point per byte, from a fixed table of 256 emoji (base256emoji). */
  record CodePoints(int[] alphabet) implements BaseCodec {

    static CodePoints of(String alphabet) {
      int[] points = alphabet.codePoints().toArray();
      if (points.length != 256) {
        throw new IllegalStateException("base256 needs 256 code points, got " + points.length);
      }
      return new CodePoints(points);
    }

    @Override
    public String encode(byte[] bytes) {
      StringBuilder out = new StringBuilder(bytes.length * 2);
      for (byte b : bytes) {
        out.appendCodePoint(alphabet[b & 0xFF]);
      }
      return out.toString();
    }

    @Override
    public byte[] decode(String text) {
      int[] points = text.codePoints().toArray();
      byte[] out = new byte[points.length];
      for (int i = 0; i < points.length; i++) {
        int index = indexOf(points[i]);
        if (index < 0) {
          throw new IllegalArgumentException("invalid code point at position " + i);
        }
        out[i] = (byte) index;
      }
      return out;
    }

    private int indexOf(int codePoint) {
      for (int i = 0; i < alphabet.length; i++) {
        if (alphabet[i] == codePoint) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CodePoints c && Arrays.equals(c.alphabet, alphabet);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(alphabet);
    }

    @Override
    public String toString() {
      return "CodePoints[256]";
    }
  }
}
