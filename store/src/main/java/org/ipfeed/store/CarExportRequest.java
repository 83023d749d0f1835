package org.ipfeed.store;

import java.util.List;
import org.ipfeed.schema.multiformats.Cid;

/**
 * What to put in an exported CAR: the DAG under {@code roots}, walked depth-first in pre-order
 * along every link of DAG-CBOR and DAG-JSON blocks in the order the links appear (the trustless
 * gateway's {@code order=dfs}), each block once. Raw and dag-pb blocks are leaves: ipfeed does not
 * parse dag-pb.
 *
 * @param roots where the walk starts; also the CAR header's roots
 * @param maxDepth how many links deep to follow; 0 exports the roots alone
 * @param maxBlocks stop after this many blocks (the export then reports it was truncated)
 * @param missing what to do about a linked block this store does not have
 */
public record CarExportRequest(List<Cid> roots, int maxDepth, int maxBlocks, Missing missing) {

  /** Linked blocks that are not in the store. */
  public enum Missing {
    /** Fail the export with {@code NotFoundException}: for a complete, trustless answer. */
    FAIL,
    /** Leave them out: for "everything we have", such as an account export. */
    SKIP
  }

  public CarExportRequest {
    roots = List.copyOf(roots);
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("a CAR export needs at least one root");
    }
    if (maxDepth < 0 || maxBlocks < 1) {
      throw new IllegalArgumentException("maxDepth >= 0 and maxBlocks >= 1");
    }
  }

  /** Just the roots themselves. */
  public static CarExportRequest blocks(List<Cid> roots) {
    return new CarExportRequest(roots, 0, roots.size(), Missing.FAIL);
  }

  /** The whole DAG, failing on anything missing. */
  public static CarExportRequest dag(Cid root, int maxBlocks) {
    return new CarExportRequest(List.of(root), Integer.MAX_VALUE, maxBlocks, Missing.FAIL);
  }
}
