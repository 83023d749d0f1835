package org.ipfeed.store.tiered;

import java.util.Objects;
import java.util.Optional;
import org.ipfeed.store.BlockStore;
import org.ipfeed.store.peer.BlockSource;

/**
 * The parts a tiered store is made of: the local store (required), an IPFS node and peers
 * (optional). The tiered store owns them from then on and closes them when it closes.
 */
public record Tiers(BlockStore local, Optional<BlockStore> node, Optional<BlockSource> peers) {

  public Tiers {
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(peers, "peers");
  }

  /** Just the local store. */
  public static Tiers local(BlockStore local) {
    return new Tiers(local, Optional.empty(), Optional.empty());
  }

  public Tiers withNode(BlockStore node) {
    return new Tiers(local, Optional.of(node), peers);
  }

  public Tiers withPeers(BlockSource peers) {
    return new Tiers(local, node, Optional.of(peers));
  }
}
