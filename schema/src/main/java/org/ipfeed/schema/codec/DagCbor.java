package org.ipfeed.schema.codec;

import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;

/**
 * DAG-CBOR, strictly: the canonical encoder and the decoder that accepts only canonical bytes.
 *
 * <pre>{@code
 * byte[] block = DagCbor.encode(value);
 * Cid cid = DagCbor.cid(block);          // sha2-256 over exactly these bytes
 * Ipld back = DagCbor.decode(block);     // throws CodecException naming rule and offset
 * }</pre>
 */
public final class DagCbor {

  /** Name used in errors and the multicodec table. */
  public static final String NAME = "dag-cbor";

  /** Deeper nesting than this is refused: it bounds the decoder's stack. */
  public static final int MAX_DEPTH = 512;

  private DagCbor() {}

  /** The canonical DAG-CBOR bytes of {@code value}. */
  public static byte[] encode(Ipld value) {
    return new DagCborWriter().write(value).toByteArray();
  }

  /**
   * Decodes exactly one canonical DAG-CBOR item filling {@code bytes}.
   *
   * @throws CodecException for anything else, naming the rule and the byte offset
   */
  public static Ipld decode(byte[] bytes) {
    return new DagCborReader(bytes, 0, bytes.length).readTopLevel();
  }

  /** Decodes exactly one item filling {@code length} bytes of {@code bytes} from {@code offset}. */
  public static Ipld decode(byte[] bytes, int offset, int length) {
    return new DagCborReader(bytes, offset, length).readTopLevel();
  }

  /** The CIDv1 (dag-cbor, sha2-256) of a block's bytes. */
  public static Cid cid(byte[] block) {
    return Cid.of(Multicodec.DAG_CBOR, block);
  }
}
