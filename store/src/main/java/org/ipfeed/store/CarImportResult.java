package org.ipfeed.store;

import java.util.List;
import org.ipfeed.schema.multiformats.Cid;

/**
 * What an import stored.
 *
 * @param roots the CAR header's roots, all present after the import
 * @param blocks blocks read from the CAR (each verified)
 * @param stored of those, blocks this store did not have before
 * @param bytes block bytes read
 */
public record CarImportResult(List<Cid> roots, int blocks, int stored, long bytes) {
  public CarImportResult {
    roots = List.copyOf(roots);
  }
}
