package org.ipfeed.gateway.stream;

import io.vertx.core.Context;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.ipfeed.schema.entry.SignedEntry;

/**
 * The fan-out of newly stored entries to live subscribers. {@link #publish} may be called from any
 * thread and returns at once; each subscriber is called on its own Vert.x context, so an HTTP
 * response is only ever written from the event loop that owns it.
 */
public final class Announcements {

  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

  /** A live subscription; {@link #cancel} stops deliveries (idempotent). */
  public interface Subscription {
    void cancel();
  }

  /** Compared by identity: two subscriptions with equal filters are still two. */
  private static final class Subscriber {
    final Context context;
    final StreamFilter filter;
    final Consumer<SignedEntry> sink;

    Subscriber(Context context, StreamFilter filter, Consumer<SignedEntry> sink) {
      this.context = context;
      this.filter = filter;
      this.sink = sink;
    }
  }

  /** Announces an entry stored for the first time. */
  public void publish(SignedEntry entry) {
    for (Subscriber s : subscribers) {
      if (s.filter.matches(entry)) {
        s.context.runOnContext(v -> s.sink.accept(entry));
      }
    }
  }

  /** Delivers every later entry that {@code filter} matches to {@code sink}, on {@code context}. */
  public Subscription subscribe(Context context, StreamFilter filter, Consumer<SignedEntry> sink) {
    Subscriber s = new Subscriber(context, filter, sink);
    subscribers.add(s);
    return () -> subscribers.remove(s);
  }

  /** How many subscribers there are now. */
  public int subscribers() {
    return subscribers.size();
  }
}
