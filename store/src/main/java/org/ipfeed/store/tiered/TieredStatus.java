package org.ipfeed.store.tiered;

import java.util.List;
import org.ipfeed.store.peer.PeerStatus;

/**
 * The tiered store's health: its outbox and node, and its peers.
 *
 * @param outbox the write path to the IPFS node
 * @param peers each peer gateway's reachability; empty without peers
 */
public record TieredStatus(OutboxStatus outbox, List<PeerStatus> peers) {
  public TieredStatus {
    peers = List.copyOf(peers);
  }
}
