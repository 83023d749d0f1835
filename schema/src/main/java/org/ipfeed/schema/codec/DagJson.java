package org.ipfeed.schema.codec;

import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;

/**
 * DAG-JSON, strictly: the canonical encoder and the decoder that accepts only canonical bytes.
 * Values convert between the codecs through the data model (all but maps with a {@code "/"} key,
 * see below):
 *
 * <pre>{@code
 * byte[] json = DagJson.encode(DagCbor.decode(block));   // what people and JSON tools read
 * byte[] back = DagCbor.encode(DagJson.decode(json));    // the same block, byte for byte
 * }</pre>
 *
 * <p>The canonical form, which is the only one {@link #decode} accepts:
 *
 * <ul>
 *   <li>No whitespace; map keys in UTF-8 byte order (not DAG-CBOR's length-first order), compared
 *       after unescaping.
 *   <li>Strings escaped as JavaScript's {@code JSON.stringify} escapes them: {@code \"}, {@code
 *       \\}, {@code \b \f \n \r \t}, other controls below U+0020 as <code>&#92;u00xx</code> in
 *       lowercase hex; everything else, non-ASCII included, raw UTF-8. So {@code \/}, <code>
 *       &#92;u0041</code> or <code>&#92;u000A</code> are refused as {@link
 *       CodecRule#NON_CANONICAL}.
 *   <li>Integers as plain digits, without leading zeros or {@code -0}, in [-2^64, 2^64-1]. A number
 *       with a point or an exponent is a float, written as ECMAScript's {@code Number#toString}
 *       writes it (the shortest digits that read back as the same double) but with {@code .0} on
 *       whole numbers so they stay floats, and {@code -0.0} for negative zero: {@code 1.1}, {@code
 *       1.0}, {@code -0.0}, {@code 0.000001}, {@code 1e-7}, {@code 1e+21}.
 *   <li>Links {@code {"/":"<cid>"}}, CIDv1 in base32 and CIDv0 in base58btc; bytes {@code
 *       {"/":{"bytes":"<base64>"}}}, RFC 4648 standard alphabet without padding.
 * </ul>
 *
 * <p>The reserved namespace is stricter than the spec. The spec lets some maps with a {@code "/"}
 * key through as plain maps ({@code {"/":true,"bar":"baz"}}, {@code {"0bar":"baz","/":"foo"}},
 * {@code {"/":{"abar":"baz","bytes":"foo"}}}), and implementations disagree on those edge cases
 * (the spec's own example gets the key order wrong). Here a map with a {@code "/"} key is a link or
 * bytes in exactly the forms above, and anything else is {@link CodecRule#RESERVED_NAMESPACE}:
 * other keys beside {@code "/"} (before or after it), other keys beside {@code "bytes"}, {@code
 * "/"} mapping to anything but a string or such a map, {@code "bytes"} mapping to anything but a
 * string. The encoder refuses the same maps, so everything it writes reads back. A string under
 * {@code "/"} that is no CID is {@link CodecRule#INVALID_CID}, one in another base {@link
 * CodecRule#NON_CANONICAL}; bad base64 is {@link CodecRule#INVALID_BASE64}.
 */
public final class DagJson {

  /** Name used in errors and the multicodec table. */
  public static final String NAME = "dag-json";

  private DagJson() {}

  /**
   * The canonical DAG-JSON bytes of {@code value}.
   *
   * @throws CodecException {@link CodecRule#RESERVED_NAMESPACE} for a map with a {@code "/"} key,
   *     which DAG-JSON cannot carry (DAG-CBOR can); its offset is where the map would have started
   *     in the output
   */
  public static byte[] encode(Ipld value) {
    return new DagJsonWriter().write(value).toByteArray();
  }

  /**
   * Decodes exactly one canonical DAG-JSON value filling {@code bytes}.
   *
   * @throws CodecException for anything else, naming the rule and the byte offset
   */
  public static Ipld decode(byte[] bytes) {
    return new DagJsonReader(bytes, 0, bytes.length).readTopLevel();
  }

  /**
   * Decodes exactly one value filling {@code length} bytes of {@code bytes} from {@code offset}.
   */
  public static Ipld decode(byte[] bytes, int offset, int length) {
    return new DagJsonReader(bytes, offset, length).readTopLevel();
  }

  /** The CIDv1 (dag-json, sha2-256) of a block's bytes. */
  public static Cid cid(byte[] block) {
    return Cid.of(Multicodec.DAG_JSON, block);
  }
}
