package org.ipfeed.store.kubo;

import io.vertx.core.Future;

/** A live subscription: its messages go to the handler given to {@link KuboPubSub#subscribe}. */
public interface PubSubSubscription {

  /** The topic, as text. */
  String topic();

  /**
   * Completes when the subscription ends: successfully after {@link #cancel()}, with an {@code
   * UpstreamException} when the node closed it or went away (subscribe again to go on).
   */
  Future<Void> ended();

  /** Ends the subscription and closes its connection. Idempotent. */
  Future<Void> cancel();
}
