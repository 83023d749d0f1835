package org.ipfeed.store.kubo;

import java.util.List;

/**
 * What {@code /api/v0/id} says about the node.
 *
 * @param peerId the libp2p peer ID ({@code 12D3KooW...})
 * @param agentVersion such as {@code kubo/0.41.0/} or {@code js-ipfs/0.18.1}
 * @param addresses the multiaddrs it listens on, with {@code /p2p/<peerId>}
 */
public record KuboNodeId(String peerId, String agentVersion, List<String> addresses) {
  public KuboNodeId {
    addresses = List.copyOf(addresses);
  }
}
