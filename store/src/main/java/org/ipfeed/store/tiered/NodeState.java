package org.ipfeed.store.tiered;

/** What the tiered store believes about its IPFS node, from its last pushes and reads. */
public enum NodeState {
  /** The store runs without a node: writes stay local, reads go local then peers. */
  NOT_CONFIGURED,
  /** Nothing has been pushed yet since start-up; the first push probes it. */
  UNKNOWN,
  /** Its last push succeeded; the outbox drains at full concurrency. */
  UP,
  /** Its last push failed; one probe push is retried after a back-off. */
  DOWN
}
