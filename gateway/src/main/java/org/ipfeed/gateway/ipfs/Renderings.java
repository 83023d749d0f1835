package org.ipfeed.gateway.ipfs;

import org.ipfeed.schema.codec.CodecException;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.codec.DagJson;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;

/**
 * An IPLD block in the other codec: DAG-CBOR read as DAG-JSON (for people and for JavaScript) and
 * DAG-JSON as DAG-CBOR. Only IPLD codecs convert; a raw or dag-pb block has no such form, which is
 * a 406, not a guess.
 */
final class Renderings {

  private Renderings() {}

  static byte[] convert(Block block, ResponseFormat format) {
    Multicodec codec = block.cid().codec();
    boolean json = format == ResponseFormat.DAG_JSON || format == ResponseFormat.JSON;
    boolean fromCbor = codec.equals(Multicodec.DAG_CBOR);
    boolean fromJson = codec.equals(Multicodec.DAG_JSON);
    if (!fromCbor && !fromJson) {
      throw new BadInputException(
          "not-acceptable",
          block.cid() + " is a " + codec + " block, which has no " + format.param + " form");
    }
    if ((json && fromJson) || (!json && fromCbor)) {
      return block.bytes();
    }
    try {
      Ipld value = fromCbor ? DagCbor.decode(block.bytes()) : DagJson.decode(block.bytes());
      return json ? DagJson.encode(value) : DagCbor.encode(value);
    } catch (CodecException e) {
      // The block is verified, so its own codec reads it; what fails is the other codec, e.g. a
      // map with a "/" key that DAG-JSON reserves.
      throw new BadInputException(
          "not-acceptable",
          block.cid() + " has no " + format.param + " form: " + e.getMessage(),
          e);
    }
  }
}
