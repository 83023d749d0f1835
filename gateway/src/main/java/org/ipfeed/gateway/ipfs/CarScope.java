package org.ipfeed.gateway.ipfs;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.CarExportRequest;

/**
 * Which blocks a CAR response holds ({@code dag-scope}, IPIP-402). For ipfeed's DAG-CBOR entries
 * and raw blocks, {@code entity} is the block itself, like {@code block}; {@code all} is the whole
 * DAG below it (for a post: its log back to the first entry), up to the configured block cap.
 * {@code entity-bytes} applies to byte entities of UnixFS files, which this gateway does not
 * interpret, so it is ignored as the specification allows for non-byte entities.
 */
enum CarScope {
  BLOCK("block"),
  ENTITY("entity"),
  ALL("all");

  final String name;

  CarScope(String name) {
    this.name = name;
  }

  static CarScope parse(RoutingContext ctx) {
    String version = ctx.queryParams().get("car-version");
    if (version != null && !version.equals("1")) {
      throw new BadInputException(
          "not-acceptable", "car-version=" + version + " is not served; only version 1");
    }
    String scope = ctx.queryParams().get("dag-scope");
    if (scope == null) {
      return ALL;
    }
    for (CarScope s : values()) {
      if (s.name.equals(scope)) {
        return s;
      }
    }
    throw new BadInputException(
        "invalid-dag-scope", "dag-scope=" + scope + " is not one of block, entity, all");
  }

  CarExportRequest request(Cid root, int maxBlocks) {
    return this == ALL
        ? CarExportRequest.dag(root, maxBlocks)
        : CarExportRequest.blocks(List.of(root));
  }
}
