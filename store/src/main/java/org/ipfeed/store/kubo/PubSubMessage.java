package org.ipfeed.store.kubo;

import java.util.Arrays;
import java.util.List;

/**
 * One pubsub message as the node delivered it. Nothing in it is authenticated by us: the node
 * checked the libp2p signature, and ipfeed verifies whatever the payload points to.
 *
 * @param from the sender's peer ID
 * @param data the payload
 * @param seqno the sender's sequence number bytes (empty when the node sent none)
 * @param topics the topics it was published to, as text
 */
public record PubSubMessage(String from, byte[] data, byte[] seqno, List<String> topics) {

  public PubSubMessage {
    data = data.clone();
    seqno = seqno.clone();
    topics = List.copyOf(topics);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public byte[] seqno() {
    return seqno.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PubSubMessage m
        && m.from.equals(from)
        && Arrays.equals(m.data, data)
        && Arrays.equals(m.seqno, seqno)
        && m.topics.equals(topics);
  }

  @Override
  public int hashCode() {
    return from.hashCode() * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "PubSubMessage[from " + from + ", " + data.length + " bytes, topics " + topics + "]";
  }
}
