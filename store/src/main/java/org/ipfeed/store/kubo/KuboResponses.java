package org.ipfeed.store.kubo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.multiformats.Cid;

/**
 * Reads the JSON answers of the RPC API into values. Pure functions, so every shape both nodes send
 * is pinned by a unit test. Anything missing or mistyped is the node's fault: {@link
 * UpstreamException} {@code ipfs-bad-response}.
 *
 * <p>CIDs arrive in whatever base the node likes (js-ipfs answers raw CIDs as base58btc {@code
 * zb2...} and dag-cbor ones as {@code zdpu...} unless asked for base32), so they are parsed and
 * compared as values, never as strings.
 */
final class KuboResponses {

  private KuboResponses() {}

  /** One answer of block/put or block/stat. */
  record KeySize(Cid key, long size) {}

  /** {@code {"Key":"<cid>","Size":<n>}}. */
  static KeySize keySize(JsonObject json) {
    Cid key = cid(string(json, "Key"), "Key");
    Object size = json.getValue("Size");
    if (!(size instanceof Number n) || n.longValue() < 0) {
      throw bad("Size is not a non-negative number in " + json.encode());
    }
    return new KeySize(key, n.longValue());
  }

  /** {@code {"Pins":["<cid>",...]}} of pin/add and pin/rm. */
  static List<Cid> pins(JsonObject json) {
    Object pins = json.getValue("Pins");
    if (!(pins instanceof JsonArray array)) {
      throw bad("no Pins list in " + json.encode());
    }
    List<Cid> out = new ArrayList<>(array.size());
    for (Object p : array) {
      if (!(p instanceof String s)) {
        throw bad("a pin that is not a string in " + json.encode());
      }
      out.add(cid(s, "Pins"));
    }
    return out;
  }

  /**
   * One line of pin/ls: {@code {"Keys":{"<cid>":{"Type":"direct"},...}}} (both nodes without {@code
   * stream=true}) or {@code {"Cid":"<cid>","Type":"direct"[,"Name":""]}} (each line with it; Kubo
   * adds {@code Name}). Only pins of {@code type} are kept.
   */
  static List<Cid> pinLsLine(JsonObject json, String type) {
    List<Cid> out = new ArrayList<>();
    Object keys = json.getValue("Keys");
    if (keys instanceof JsonObject map) {
      for (Map.Entry<String, Object> entry : map) {
        if (!(entry.getValue() instanceof JsonObject info)) {
          throw bad("pin entry " + entry.getKey() + " is not an object");
        }
        if (type.equals(info.getValue("Type"))) {
          out.add(cid(entry.getKey(), "Keys"));
        }
      }
      return out;
    }
    if (json.getValue("Cid") instanceof String text) {
      if (type.equals(json.getValue("Type"))) {
        out.add(cid(text, "Cid"));
      }
      return out;
    }
    throw bad("a pin/ls line with neither Keys nor Cid: " + json.encode());
  }

  /** One line of block/rm: {@code {"Hash":"<cid>"[,"Error":"<message>"]}}. */
  record Removal(Cid hash, String error) {}

  static Removal removal(JsonObject json) {
    Cid hash = cid(string(json, "Hash"), "Hash");
    Object error = json.getValue("Error");
    if (error != null && !(error instanceof String)) {
      throw bad("Error is not a string in " + json.encode());
    }
    String message = (String) error;
    return new Removal(hash, message == null || message.isEmpty() ? null : message);
  }

  /** One line of dag/import: a root and whether pinning it failed; null for other lines. */
  record ImportedRoot(Cid cid, String pinError) {}

  /**
   * {@code {"Root":{"Cid":{"/":"<cid>"},"PinErrorMsg":""}}}; Stats lines (Kubo, with {@code
   * stats=true}) give null.
   */
  static ImportedRoot importedRoot(JsonObject json) {
    Object root = json.getValue("Root");
    if (root == null) {
      return null;
    }
    if (!(root instanceof JsonObject r) || !(r.getValue("Cid") instanceof JsonObject link)) {
      throw bad("a dag/import Root without a Cid link: " + json.encode());
    }
    Cid cid = cid(string(link, "/"), "Root.Cid");
    Object error = r.getValue("PinErrorMsg");
    String message = error instanceof String s && !s.isEmpty() ? s : null;
    return new ImportedRoot(cid, message);
  }

  /** The version answer; the implementation is told by keys only one node sends. */
  static KuboNodeVersion version(JsonObject json) {
    String version = string(json, "Version");
    KuboNodeVersion.Implementation implementation;
    if (json.containsKey("Golang")) {
      implementation = KuboNodeVersion.Implementation.KUBO;
    } else if (json.containsKey("ipfs-core")) {
      implementation = KuboNodeVersion.Implementation.JS_IPFS;
    } else {
      implementation = KuboNodeVersion.Implementation.UNKNOWN;
    }
    Object repo = json.getValue("Repo");
    return new KuboNodeVersion(version, implementation, repo == null ? "" : repo.toString());
  }

  static KuboNodeId id(JsonObject json) {
    String peer = string(json, "ID");
    Object agent = json.getValue("AgentVersion");
    List<String> addresses = new ArrayList<>();
    if (json.getValue("Addresses") instanceof JsonArray array) {
      for (Object a : array) {
        if (a instanceof String s) {
          addresses.add(s);
        }
      }
    }
    return new KuboNodeId(peer, agent instanceof String s ? s : "", addresses);
  }

  /**
   * One line of a pubsub subscription, or null for the empty {@code {}} js-ipfs sends first. {@code
   * data}, {@code seqno} and topics are multibase base64url ({@code u...}).
   */
  static PubSubMessage pubSubMessage(JsonObject json) {
    if (json.isEmpty()) {
      return null;
    }
    String from = string(json, "from");
    byte[] data = multibase64url(string(json, "data"), "data");
    Object seqno = json.getValue("seqno");
    byte[] seq = seqno instanceof String s ? multibase64url(s, "seqno") : new byte[0];
    List<String> topics = new ArrayList<>();
    if (json.getValue("topicIDs") instanceof JsonArray array) {
      for (Object t : array) {
        if (!(t instanceof String s)) {
          throw bad("a topic that is not a string in " + json.encode());
        }
        topics.add(new String(multibase64url(s, "topicIDs"), StandardCharsets.UTF_8));
      }
    }
    return new PubSubMessage(from, data, seq, topics);
  }

  /** The topic as the API wants it: {@code u} and unpadded base64url of its UTF-8 bytes. */
  static String topicArg(String topic) {
    return "u"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(topic.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] multibase64url(String text, String field) {
    if (!text.startsWith("u")) {
      throw bad(field + " is not multibase base64url: " + text);
    }
    try {
      return Base64.getUrlDecoder().decode(text.substring(1));
    } catch (IllegalArgumentException e) {
      throw bad(field + " is not multibase base64url: " + text);
    }
  }

  private static String string(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (!(value instanceof String s) || s.isEmpty()) {
      throw bad("no " + key + " string in " + json.encode());
    }
    return s;
  }

  private static Cid cid(String text, String field) {
    try {
      return Cid.parse(text);
    } catch (BadInputException e) {
      throw new UpstreamException(
          "ipfs-bad-response", "the node sent an invalid CID in " + field + ": " + text, e);
    }
  }

  private static UpstreamException bad(String what) {
    return new UpstreamException("ipfs-bad-response", "unexpected answer from the node: " + what);
  }
}
