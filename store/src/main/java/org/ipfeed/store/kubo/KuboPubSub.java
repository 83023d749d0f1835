package org.ipfeed.store.kubo;

import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * Publish and subscribe through the node's pubsub ({@code /api/v0/pubsub/...}). Topics are any
 * text; on the wire they travel as multibase base64url, as both Kubo and js-ipfs require.
 *
 * <p>Delivery is best effort, as in libp2p: nodes drop duplicates (the same bytes published twice
 * within a couple of minutes may arrive once), messages sent while nobody listens are gone, and a
 * subscription ends when the node restarts.
 */
public interface KuboPubSub {

  /** Publishes {@code data} on {@code topic}; completes once the node accepted it. */
  Future<Void> publish(String topic, byte[] data);

  /**
   * Subscribes to {@code topic}. The future completes once the node has subscribed (messages
   * published after that reach {@code onMessage}, in order, on a Vert.x event loop).
   */
  Future<PubSubSubscription> subscribe(String topic, Handler<PubSubMessage> onMessage);
}
