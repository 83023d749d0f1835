package org.ipfeed.store.peer;

import io.vertx.core.Future;
import java.util.List;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;

/**
 * Somewhere blocks can be read from but not written to, such as other people's gateways. A {@link
 * org.ipfeed.store.BlockStore} is more: this is the part a read-through tier needs.
 */
public interface BlockSource {

  /**
   * The block behind {@code cid}, verified against it: {@code NotFoundException} when the source
   * does not have it, {@code IntegrityException} when it answered with other bytes, {@code
   * UpstreamException} when it could not be asked.
   */
  Future<Block> get(Cid cid);

  /** Reachability of whatever this source asks, for {@code /health}; empty if it asks nobody. */
  default List<PeerStatus> status() {
    return List.of();
  }

  /** Releases connections; further calls fail. */
  Future<Void> close();
}
