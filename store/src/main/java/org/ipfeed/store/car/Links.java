package org.ipfeed.store.car;

import java.util.ArrayList;
import java.util.List;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.codec.DagJson;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;

/** The links inside a block, in the order they appear (map keys in codec order, list order). */
public final class Links {

  private Links() {}

  /**
   * Links of a DAG-CBOR or DAG-JSON block; empty for raw, dag-pb and codecs ipfeed does not parse.
   *
   * @throws org.ipfeed.schema.codec.CodecException when a DAG-CBOR or DAG-JSON block is not
   *     strictly encoded
   */
  public static List<Cid> of(Block block) {
    Multicodec codec = block.cid().codec();
    Ipld value;
    if (codec.equals(Multicodec.DAG_CBOR)) {
      value = DagCbor.decode(block.bytes());
    } else if (codec.equals(Multicodec.DAG_JSON)) {
      value = DagJson.decode(block.bytes());
    } else {
      return List.of();
    }
    List<Cid> out = new ArrayList<>();
    collect(value, out);
    return out;
  }

  private static void collect(Ipld value, List<Cid> out) {
    if (value instanceof Ipld.Link l) {
      out.add(l.cid());
    } else if (value instanceof Ipld.Map m) {
      for (Ipld v : m.entries().values()) {
        collect(v, out);
      }
    } else if (value instanceof Ipld.List l) {
      for (Ipld v : l.values()) {
        collect(v, out);
      }
    }
  }
}
