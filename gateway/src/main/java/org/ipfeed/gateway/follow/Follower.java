package org.ipfeed.gateway.follow;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.ipfeed.schema.identity.Did;

/**
 * Keeps the follow set's logs current from the peers: one live stream per peer, reconnected with
 * backoff; every author's head polled from every peer each {@code pollEvery}, and at once when a
 * stream (re)connects or an author joins the set. See the package documentation.
 */
public final class Follower implements AutoCloseable {

  /** Head requests in flight to one peer during a poll. */
  static final int POLL_CONCURRENCY = 8;

  static final Duration REFRESH_EVERY = Duration.ofSeconds(5);
  private static final Duration PEER_TIMEOUT = Duration.ofSeconds(5);
  private static final Logger LOG = Logger.getLogger(Follower.class.getName());

  private final Vertx vertx;
  private final FollowSet followSet;
  private final LogSync sync;
  private final HttpClient http;
  private final List<Link> links = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();
  private volatile boolean closed;

  /** One peer, its stream and its backoff. */
  private final class Link {
    final PeerClient peer;
    final Backoff streamBackoff = new Backoff(Duration.ofMillis(500), Duration.ofMinutes(1));
    final Backoff pollBackoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
    volatile PeerClient.Stream stream;

    Link(URI base) {
      this.peer = new PeerClient(base, http, PEER_TIMEOUT);
    }
  }

  public Follower(
      Vertx vertx, List<URI> peers, FollowSet followSet, LogSync sync, Duration pollEvery) {
    this.vertx = vertx;
    this.followSet = followSet;
    this.sync = sync;
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) PEER_TIMEOUT.toMillis())
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(POLL_CONCURRENCY + 1));
    for (URI peer : peers) {
      links.add(new Link(peer));
    }
    links.forEach(this::connect);
    timers.add(
        vertx.setPeriodic(
            pollEvery.toMillis(), id -> links.forEach(l -> poll(l, followSet.all()))));
    timers.add(vertx.setPeriodic(REFRESH_EVERY.toMillis(), id -> refresh()));
    refresh();
  }

  /**
   * How each peer looks from here: whether its live stream is connected, and whether its head
   * endpoint answered the last time it was asked.
   */
  public record PeerState(URI peer, boolean streaming, boolean answering) {}

  public List<PeerState> status() {
    return links.stream()
        .map(l -> new PeerState(l.peer.base(), l.stream != null, l.pollBackoff.ready()))
        .toList();
  }

  /** Asks every peer for {@code author}'s head now: an author who just joined the follow set. */
  public void followed(Did author) {
    links.forEach(l -> poll(l, Set.of(author)));
  }

  private void connect(Link link) {
    if (closed) {
      return;
    }
    link.peer.stream(
            a -> {
              if (followSet.contains(a.author())) {
                sync.toHead(a.author(), a.cid(), a.seq(), link.peer.base());
              }
            })
        .onSuccess(
            stream -> {
              link.stream = stream;
              link.streamBackoff.succeeded();
              // Whatever was announced while the stream was down: ask for it.
              poll(link, followSet.all());
              stream.ended().onComplete(ended -> reconnect(link));
            })
        .onFailure(failure -> reconnect(link));
  }

  private void reconnect(Link link) {
    link.stream = null;
    if (closed) {
      return;
    }
    Duration wait = link.streamBackoff.failed();
    vertx.setTimer(wait.toMillis(), id -> connect(link));
  }

  private void poll(Link link, Set<Did> authors) {
    if (closed || authors.isEmpty() || !link.pollBackoff.ready()) {
      return;
    }
    Iterator<Did> next = List.copyOf(authors).iterator();
    for (int i = 0; i < POLL_CONCURRENCY; i++) {
      pollNext(link, next);
    }
  }

  /** One of the poll's lanes: the next author's head, then the next, until none are left. */
  private void pollNext(Link link, Iterator<Did> next) {
    Did author;
    synchronized (next) {
      if (closed || !next.hasNext()) {
        return;
      }
      author = next.next();
    }
    link.peer
        .head(author)
        .onSuccess(
            head -> {
              link.pollBackoff.succeeded();
              head.ifPresent(h -> sync.toHead(author, h.cid(), h.seq(), link.peer.base()));
              pollNext(link, next);
            })
        .onFailure(
            failure -> {
              if (link.pollBackoff.ready()) {
                LOG.fine("peer " + link.peer.base() + " is not answering: " + failure.getMessage());
                link.pollBackoff.failed();
              }
            });
  }

  private void refresh() {
    vertx
        .executeBlocking(followSet::refresh, false)
        .onSuccess(added -> added.forEach(this::followed));
  }

  @Override
  public void close() {
    closed = true;
    timers.forEach(vertx::cancelTimer);
    for (Link link : links) {
      PeerClient.Stream s = link.stream;
      if (s != null) {
        s.response().request().connection().close();
      }
    }
    http.close();
  }
}
