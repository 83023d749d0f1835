package org.ipfeed.schema.multiformats;

import org.ipfeed.schema.error.BadInputException;

/**
 * Multibase: bytes as text behind a one-code-point prefix that names the encoding. CIDv1 strings
 * use {@link #BASE32} ({@code b...}); did:key uses {@link #BASE58BTC} ({@code z...}).
 */
public enum Multibase {
  BASE2("base2", '0', BaseCodec.Rfc4648.of("01", 1, false, false)),
  BASE8("base8", '7', BaseCodec.Rfc4648.of("01234567", 3, false, false)),
  BASE10("base10", '9', BaseCodec.Radix.of("0123456789", false)),
  BASE16("base16", 'f', BaseCodec.Rfc4648.of(Alphabets.HEX, 4, false, true)),
  BASE16_UPPER(
      "base16upper", 'F', BaseCodec.Rfc4648.of(Alphabets.HEX.toUpperCase(), 4, false, true)),
  BASE32HEX("base32hex", 'v', BaseCodec.Rfc4648.of(Alphabets.BASE32HEX, 5, false, true)),
  BASE32HEX_UPPER(
      "base32hexupper",
      'V',
      BaseCodec.Rfc4648.of(Alphabets.BASE32HEX.toUpperCase(), 5, false, true)),
  BASE32HEXPAD("base32hexpad", 't', BaseCodec.Rfc4648.of(Alphabets.BASE32HEX, 5, true, true)),
  BASE32HEXPAD_UPPER(
      "base32hexpadupper",
      'T',
      BaseCodec.Rfc4648.of(Alphabets.BASE32HEX.toUpperCase(), 5, true, true)),
  BASE32("base32", 'b', BaseCodec.Rfc4648.of(Alphabets.BASE32, 5, false, true)),
  BASE32_UPPER(
      "base32upper", 'B', BaseCodec.Rfc4648.of(Alphabets.BASE32.toUpperCase(), 5, false, true)),
  BASE32PAD("base32pad", 'c', BaseCodec.Rfc4648.of(Alphabets.BASE32, 5, true, true)),
  BASE32PAD_UPPER(
      "base32padupper", 'C', BaseCodec.Rfc4648.of(Alphabets.BASE32.toUpperCase(), 5, true, true)),
  BASE32Z("base32z", 'h', BaseCodec.Rfc4648.of(Alphabets.BASE32Z, 5, false, false)),
  BASE36("base36", 'k', BaseCodec.Radix.of(Alphabets.BASE36, true)),
  BASE36_UPPER("base36upper", 'K', BaseCodec.Radix.of(Alphabets.BASE36.toUpperCase(), true)),
  BASE58FLICKR("base58flickr", 'Z', BaseCodec.Radix.of(Alphabets.BASE58FLICKR, false)),
  BASE58BTC("base58btc", 'z', BaseCodec.Radix.of(Alphabets.BASE58BTC, false)),
  BASE64("base64", 'm', BaseCodec.Rfc4648.of(Alphabets.BASE64, 6, false, false)),
  BASE64PAD("base64pad", 'M', BaseCodec.Rfc4648.of(Alphabets.BASE64, 6, true, false)),
  BASE64URL("base64url", 'u', BaseCodec.Rfc4648.of(Alphabets.BASE64URL, 6, false, false)),
  BASE64URLPAD("base64urlpad", 'U', BaseCodec.Rfc4648.of(Alphabets.BASE64URL, 6, true, false)),
  BASE256EMOJI("base256emoji", 0x1F680, BaseCodec.CodePoints.of(Alphabets.BASE256EMOJI));

  private final String label;
  private final int prefix;
  private final BaseCodec codec;

  Multibase(String label, int prefix, BaseCodec codec) {
    this.label = label;
    this.prefix = prefix;
    this.codec = codec;
  }

  /** The name in the multibase table, such as {@code base32}. */
  public String label() {
    return label;
  }

  /** The prefix code point, such as {@code 'b'}. */
  public int prefix() {
    return prefix;
  }

  /** {@code bytes} in this encoding, prefix included. */
  public String encode(byte[] bytes) {
    return new StringBuilder().appendCodePoint(prefix).append(codec.encode(bytes)).toString();
  }

  /** {@code bytes} in this encoding without the prefix (RFC 4648 base64 in DAG-JSON, say). */
  public String encodeBare(byte[] bytes) {
    return codec.encode(bytes);
  }

  /**
   * Decodes text in this encoding that carries no prefix.
   *
   * @throws BadInputException {@code invalid-multibase} naming the encoding and the problem
   */
  public byte[] decodeBare(String text) {
    try {
      return codec.decode(text);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("invalid-multibase", label + ": " + e.getMessage(), e);
    }
  }

  /** The encoding that {@code text} announces with its prefix. */
  public static Multibase of(String text) {
    if (text.isEmpty()) {
      throw new BadInputException("invalid-multibase", "empty multibase string");
    }
    int first = text.codePointAt(0);
    for (Multibase base : values()) {
      if (base.prefix == first) {
        return base;
      }
    }
    throw new BadInputException(
        "invalid-multibase",
        "unknown multibase prefix '" + new String(Character.toChars(first)) + "'");
  }

  /**
   * Decodes prefixed multibase text.
   *
   * @throws BadInputException {@code invalid-multibase} for an unknown prefix or bad text
   */
  public static byte[] decode(String text) {
    Multibase base = of(text);
    return base.decodeBare(text.substring(Character.charCount(base.prefix)));
  }

  /** The alphabets, named as the multibase table names them. */
  private static final class Alphabets {
    static final String HEX = "0123456789abcdef";
    static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    static final String BASE32HEX = "0123456789abcdefghijklmnopqrstuv";
    static final String BASE32Z = "ybndrfg8ejkmcpqxot1uwisza345h769";
    static final String BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
    static final String BASE58BTC = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    static final String BASE58FLICKR = "123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static final String BASE64URL =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // The 256 code points of the base256emoji table, in order (multiformats/multibase rfcs).
    static final String BASE256EMOJI =
        "🚀🪐☄🛰🌌🌑🌒🌓🌔🌕🌖🌗🌘🌍🌏🌎🐉☀💻🖥💾💿😂❤😍🤣😊🙏💕😭😘👍😅👏😁🔥🥰💔💖💙😢🤔😆🙄💪😉☺👌🤗"
            + "💜😔😎😇🌹🤦🎉💞✌✨🤷😱😌🌸🙌😋💗💚😏💛🙂💓🤩😄😀🖤😃💯🙈👇🎶😒🤭❣😜💋👀😪😑💥🙋😞😩😡🤪👊"
            + "🥳😥🤤👉💃😳✋😚😝😴🌟😬🙃🍀🌷😻😓⭐✅🥺🌈😈🤘💦✔😣🏃💐☹🎊💘😠☝😕🌺🎂🌻😐🖕💝🙊😹🗣💫💀👑🎵"
            + "🤞😛🔴😤🌼😫⚽🤙☕🏆🤫👈😮🙆🍻🍃🐶💁😲🌿🧡🎁⚡🌞🎈❌✊👋😰🤨😶🤝🚶💰🍓💢🤟🙁🚨💨🤬✈🎀🍺🤓😙💟"
            + "🌱😖👶🥴▶➡❓💎💸⬇😨🌚🦋😷🕺⚠🙅😟😵👎🤲🤠🤧📌🔵💅🧐🐾🍒😗🤑🌊🤯🐷☎💧😯💆👆🎤🙇🍑❄🌴💣🐸💌📍"
            + "🥀🤢👅💡💩👐📸👻🤐🤮🎼🥵🚩🍎🍊👼💍📣🥂";

    private Alphabets() {}
  }
}
