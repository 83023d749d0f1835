package org.ipfeed.cli.codec;

import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.codec.DagJson;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;

/** The block codecs the command line accepts, by the names people type. */
public enum BlockCodec {
  DAG_CBOR("dag-cbor", Multicodec.DAG_CBOR),
  DAG_JSON("dag-json", Multicodec.DAG_JSON),
  RAW("raw", Multicodec.RAW);

  private final String cliName;
  private final Multicodec multicodec;

  BlockCodec(String cliName, Multicodec multicodec) {
    this.cliName = cliName;
    this.multicodec = multicodec;
  }

  /** Checks {@code bytes} are a strict encoding in this codec, then returns their CIDv1. */
  public Cid cid(byte[] bytes) {
    if (this != RAW) {
      decode(bytes);
    }
    return Cid.of(multicodec, bytes);
  }

  /** Strictly decodes {@code bytes}; raw bytes have no IPLD structure to decode. */
  public Ipld decode(byte[] bytes) {
    return switch (this) {
      case DAG_CBOR -> DagCbor.decode(bytes);
      case DAG_JSON -> DagJson.decode(bytes);
      case RAW -> Ipld.bytes(bytes);
    };
  }

  public byte[] encode(Ipld value) {
    return switch (this) {
      case DAG_CBOR -> DagCbor.encode(value);
      case DAG_JSON -> DagJson.encode(value);
      case RAW -> throw new IllegalArgumentException("raw is not an IPLD codec to encode into");
    };
  }

  @Override
  public String toString() {
    return cliName;
  }

  /** For picocli: accepts the names people type. */
  public static BlockCodec parse(String name) {
    for (BlockCodec c : values()) {
      if (c.cliName.equals(name)) {
        return c;
      }
    }
    throw new picocli.CommandLine.TypeConversionException(
        "'" + name + "' is not one of dag-cbor, dag-json, raw");
  }
}
