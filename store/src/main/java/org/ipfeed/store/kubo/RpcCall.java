package org.ipfeed.store.kubo;

import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ipfeed.schema.multiformats.Cid;

/**
 * One RPC call as it goes on the wire: {@code POST /api/v0/<command>?<params>} with at most one
 * file part. Built fluently by {@link KuboBlockStore}; immutable once sent.
 */
final class RpcCall {

  private final String command;
  private final List<Map.Entry<String, String>> params = new ArrayList<>();
  private Buffer file;
  private boolean idempotent = true;
  private boolean stream;

  private RpcCall(String command) {
    this.command = command;
  }

  static RpcCall to(String command) {
    return new RpcCall(command);
  }

  /** A positional argument; the RPC API repeats {@code arg} for each. */
  RpcCall arg(String value) {
    return param("arg", value);
  }

  /**
   * A CID argument, in base32 even when it is a CIDv0: js-ipfs and Kubo both accept either, and one
   * form keeps logs comparable.
   */
  RpcCall arg(Cid cid) {
    return arg(cid.toString());
  }

  RpcCall param(String name, String value) {
    params.add(Map.entry(name, value));
    return this;
  }

  RpcCall param(String name, boolean value) {
    return param(name, Boolean.toString(value));
  }

  /**
   * The node-side time limit: both nodes wait forever for a block they do not have unless told
   * otherwise. Milliseconds, which Go's duration parser and js-ipfs's both read.
   */
  RpcCall nodeTimeout(Duration timeout) {
    return param("timeout", timeout.toMillis() + "ms");
  }

  /** The request body: one multipart file part of type application/octet-stream. */
  RpcCall file(Buffer bytes) {
    this.file = bytes;
    return this;
  }

  /** Marks a call that must not be sent twice (publishing a message, a one-shot upload). */
  RpcCall notIdempotent() {
    this.idempotent = false;
    return this;
  }

  /**
   * Marks a call whose answer is a stream of unknown length: the request time-out then ends at the
   * answer's head and bounds silences after it instead.
   */
  RpcCall streaming() {
    this.stream = true;
    return this;
  }

  String command() {
    return command;
  }

  Buffer file() {
    return file;
  }

  boolean idempotent() {
    return idempotent;
  }

  boolean isStreaming() {
    return stream;
  }

  /** The request URI under {@code basePath} (which ends with {@code /api/v0/}). */
  String uri(String basePath) {
    StringBuilder uri = new StringBuilder(basePath).append(command);
    char separator = '?';
    for (Map.Entry<String, String> p : params) {
      uri.append(separator)
          .append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return uri.toString();
  }

  @Override
  public String toString() {
    return uri("");
  }
}
