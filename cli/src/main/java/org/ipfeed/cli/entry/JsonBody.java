package org.ipfeed.cli.entry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multibase;

/**
 * Reads the JSON body of {@code entry sign} into IPLD: ordinary JSON, with links as {@code {"/":
 * "<cid>"}} and bytes as {@code {"/": {"bytes": "<base64>"}}} as in DAG-JSON.
 */
final class JsonBody {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  private JsonBody() {}

  static Ipld.Map parse(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BadInputException(
          "invalid-json", "body: not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new BadInputException("invalid-json", "body: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new BadInputException("invalid-json", "body: must be a JSON object");
    }
    return (Ipld.Map) toIpld(root, "body");
  }

  private static Ipld toIpld(JsonNode node, String path) {
    if (node.isObject()) {
      JsonNode slash = node.get("/");
      if (slash != null && node.size() == 1) {
        return special(slash, path);
      }
      Ipld.Map.Builder map = Ipld.map();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        map.put(e.getKey(), toIpld(e.getValue(), path + "." + e.getKey()));
      }
      return map.build();
    }
    if (node.isArray()) {
      List<Ipld> items = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        items.add(toIpld(node.get(i), path + "[" + i + "]"));
      }
      return new Ipld.List(items);
    }
    if (node.isTextual()) {
      return Ipld.of(node.textValue());
    }
    if (node.isIntegralNumber()) {
      try {
        return Ipld.of(node.bigIntegerValue());
      } catch (IllegalArgumentException e) {
        throw new BadInputException("invalid-json", path + ": integer out of range", e);
      }
    }
    if (node.isNumber()) {
      return new Ipld.Float(node.doubleValue());
    }
    if (node.isBoolean()) {
      return Ipld.of(node.booleanValue());
    }
    if (node.isNull()) {
      return Ipld.NULL;
    }
    throw new BadInputException("invalid-json", path + ": unsupported JSON value");
  }

  private static Ipld special(JsonNode slash, String path) {
    if (slash.isTextual()) {
      try {
        return Ipld.of(Cid.parse(slash.textValue()));
      } catch (BadInputException e) {
        throw new BadInputException("invalid-json", path + ": " + e.getMessage(), e);
      }
    }
    if (slash.isObject() && slash.size() == 1 && slash.path("bytes").isTextual()) {
      return Ipld.bytes(Multibase.BASE64.decodeBare(slash.get("bytes").textValue()));
    }
    throw new BadInputException(
        "invalid-json", path + ": {\"/\": ...} must hold a CID string or {\"bytes\": base64}");
  }
}
