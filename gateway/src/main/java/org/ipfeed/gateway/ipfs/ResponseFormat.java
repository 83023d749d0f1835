package org.ipfeed.gateway.ipfs;

import java.util.Optional;
import org.ipfeed.schema.multiformats.Multicodec;

/**
 * What {@code /ipfs/{cid}} can answer with: the two trustless forms (the block itself, or a CAR)
 * and renderings of IPLD blocks in the other codec.
 */
enum ResponseFormat {
  RAW("raw", "application/vnd.ipld.raw", "bin"),
  CAR("car", "application/vnd.ipld.car", "car"),
  DAG_JSON("dag-json", "application/vnd.ipld.dag-json", "json"),
  DAG_CBOR("dag-cbor", "application/vnd.ipld.dag-cbor", "cbor"),
  JSON("json", "application/json", "json"),
  CBOR("cbor", "application/cbor", "cbor");

  /** The one CAR variant this gateway writes: version 1, depth-first, each block once. */
  static final String CAR_CONTENT_TYPE = "application/vnd.ipld.car; version=1; order=dfs; dups=n";

  final String param;
  final String mediaType;
  final String extension;

  ResponseFormat(String param, String mediaType, String extension) {
    this.param = param;
    this.mediaType = mediaType;
    this.extension = extension;
  }

  static Optional<ResponseFormat> byParam(String value) {
    for (ResponseFormat f : values()) {
      if (f.param.equals(value)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  static Optional<ResponseFormat> byMediaType(String value) {
    for (ResponseFormat f : values()) {
      if (f.mediaType.equals(value)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** What a block is served as when the request names no format. */
  static ResponseFormat nativeFor(Multicodec codec) {
    if (codec.equals(Multicodec.DAG_CBOR)) {
      return DAG_CBOR;
    }
    if (codec.equals(Multicodec.DAG_JSON)) {
      return DAG_JSON;
    }
    return RAW;
  }

  /** Whether this is a rendering of the block's data rather than its bytes or a CAR. */
  boolean isRendering() {
    return this != RAW && this != CAR;
  }

  String contentType() {
    return this == CAR ? CAR_CONTENT_TYPE : mediaType;
  }
}
