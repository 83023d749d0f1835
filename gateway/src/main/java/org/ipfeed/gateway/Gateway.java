package org.ipfeed.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.ipfeed.gateway.api.AccountsApi;
import org.ipfeed.gateway.api.AdminApi;
import org.ipfeed.gateway.api.AuthorsApi;
import org.ipfeed.gateway.api.EntriesApi;
import org.ipfeed.gateway.feed.FeedApi;
import org.ipfeed.gateway.feed.IndexFeeder;
import org.ipfeed.gateway.follow.FollowSet;
import org.ipfeed.gateway.follow.Follower;
import org.ipfeed.gateway.follow.Forks;
import org.ipfeed.gateway.follow.LocalUsers;
import org.ipfeed.gateway.follow.LogSync;
import org.ipfeed.gateway.http.Cors;
import org.ipfeed.gateway.http.HealthHandler;
import org.ipfeed.gateway.http.OpenApiHandler;
import org.ipfeed.gateway.http.Problems;
import org.ipfeed.gateway.ingest.Ingest;
import org.ipfeed.gateway.ingest.LogHeads;
import org.ipfeed.gateway.ipfs.IpfsPathHandler;
import org.ipfeed.gateway.metrics.GatewayMetrics;
import org.ipfeed.gateway.stream.Announcements;
import org.ipfeed.gateway.stream.StreamApi;
import org.ipfeed.indexer.FeedIndex;
import org.ipfeed.indexer.IndexConfig;
import org.ipfeed.indexer.LuceneFeedIndex;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.store.BlockStore;

/**
 * One gateway node: its routes and servers, the ingest path, and the index under {@code
 * <data>/index} with the feeder that keeps it in step with the store. The caller owns the store and
 * Vert.x; closing the gateway stops the servers, then indexes what is queued and closes the index.
 */
public final class Gateway {

  /** The index's folder in the data directory. */
  static final String INDEX_DIR = "index";

  private static final int ANY_SHARED_PORT = -1;
  private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

  private final Vertx vertx;
  private final List<HttpServer> servers;
  private final Node node;
  private final Router router;

  /** What a node holds open besides its servers. */
  /**
   * What a node holds open besides its servers, and what it reads once before serving (the
   * operator's follows, the OpenAPI document: blocking reads, done on the same worker).
   */
  private record Parts(
      LogHeads heads,
      FeedIndex index,
      IndexFeeder feeder,
      LocalUsers users,
      Set<Did> added,
      OpenApiHandler openApi) {}

  /**
   * The node's moving parts: ingest, and what it tells of each stored entry (the index, the live
   * stream, the follow set); the follower, when there are peers to follow.
   */
  private record Node(
      Parts parts,
      GatewayMetrics metrics,
      Ingest ingest,
      Announcements announcements,
      FollowSet followSet,
      Forks forks,
      Optional<Follower> follower) {

    static Node wire(Vertx vertx, GatewayConfig config, BlockStore store, Parts parts) {
      Announcements announcements = new Announcements();
      FollowSet followSet = new FollowSet(config.follow(), parts.users(), parts.index());
      parts.added().forEach(followSet::add);
      Forks forks = new Forks();
      AtomicReference<Follower> follower = new AtomicReference<>();
      Ingest.Listener listener =
          (entry, created, origin) -> {
            parts.feeder().offer(entry);
            if (origin == Ingest.Origin.LOCAL) {
              parts.users().add(entry.entry().author());
            }
            if (created) {
              announcements.publish(entry);
              followSet
                  .observe(entry)
                  .ifPresent(
                      author ->
                          Optional.ofNullable(follower.get()).ifPresent(f -> f.followed(author)));
            }
          };
      GatewayMetrics metrics = new GatewayMetrics(parts.feeder()::backlog, parts.feeder()::lag);
      Ingest ingest = new Ingest(vertx, store, parts.heads(), Clock.systemUTC(), listener, metrics);
      if (!config.peers().isEmpty()) {
        LogSync sync = new LogSync(vertx, store, parts.heads(), ingest, forks, Clock.systemUTC());
        follower.set(new Follower(vertx, config.peers(), followSet, sync, config.pollEvery()));
      }
      return new Node(
          parts,
          metrics,
          ingest,
          announcements,
          followSet,
          forks,
          Optional.ofNullable(follower.get()));
    }
  }

  private Gateway(Vertx vertx, List<HttpServer> servers, Node node, Router router) {
    this.vertx = vertx;
    this.servers = List.copyOf(servers);
    this.node = node;
    this.router = router;
  }

  /** Starts serving {@code store} as {@code config} says; the future fails if it cannot listen. */
  public static Future<Gateway> start(
      Vertx vertx, GatewayConfig config, BlockStore store, String storeKind) {
    return LogHeads.open(vertx, config.dataDir())
        .compose(
            heads ->
                LocalUsers.open(vertx, config.dataDir())
                    .compose(
                        users ->
                            vertx.executeBlocking(
                                () -> {
                                  FeedIndex index = openIndex(config.dataDir().resolve(INDEX_DIR));
                                  IndexFeeder feeder = new IndexFeeder(index, store);
                                  // Whatever was stored but not indexed before the last stop goes
                                  // in first.
                                  feeder.catchUp(heads.snapshot());
                                  return new Parts(
                                      heads,
                                      index,
                                      feeder,
                                      users,
                                      AdminApi.saved(config.dataDir()),
                                      OpenApiHandler.load());
                                })))
        .compose(
            parts -> {
              Node node = Node.wire(vertx, config, store, parts);
              Router router = router(vertx, config, store, storeKind, node);
              return serve(vertx, config, router)
                  .map(servers -> new Gateway(vertx, servers, node, router))
                  .recover(
                      failure ->
                          closeNode(vertx, node).transform(closed -> Future.failedFuture(failure)));
            });
  }

  /**
   * The index, rebuilt from scratch when it was written by another version of ipfeed: it is derived
   * from the store, and the feeder's catch-up refills it from the saved heads.
   */
  private static FeedIndex openIndex(Path dir) throws IOException {
    try {
      return LuceneFeedIndex.open(dir, IndexConfig.defaults());
    } catch (IllegalStateException otherFormat) {
      LOG.warning(otherFormat.getMessage() + "; rebuilding it from the block store");
      deleteTree(dir);
      return LuceneFeedIndex.open(dir, IndexConfig.defaults());
    }
  }

  /** Deletes a directory and everything in it; nothing if it does not exist. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  private static Future<List<HttpServer>> serve(Vertx vertx, GatewayConfig config, Router router) {
    int port = config.port() == 0 ? ANY_SHARED_PORT : config.port();
    return listen(vertx, router, config, port)
        .recover(
            failure ->
                !config.portExplicit() && isBindFailure(failure)
                    // The default port is taken (another node, another program): any free one
                    // will do, and the URL printed at start-up says which.
                    ? listen(vertx, router, config, ANY_SHARED_PORT)
                    : Future.failedFuture(failure))
        .compose(first -> more(vertx, router, config, first));
  }

  /**
   * One server per event loop, all on the port the first one got: Vert.x spreads connections across
   * servers that share a port, and a single server would run on one core only.
   */
  private static Future<List<HttpServer>> more(
      Vertx vertx, Router router, GatewayConfig config, HttpServer first) {
    // Sharing is by the port asked for, so the others ask for the same one (a negative port is
    // Vert.x's "any free port, the same for every server that asks for it").
    int requested = first.actualPort() == config.port() ? config.port() : ANY_SHARED_PORT;
    List<Future<HttpServer>> rest = new ArrayList<>();
    for (int i = 1; i < config.eventLoops(); i++) {
      rest.add(listen(vertx, router, config, requested));
    }
    return Future.all(rest)
        .map(
            all -> {
              List<HttpServer> servers = new ArrayList<>();
              servers.add(first);
              for (int i = 0; i < all.size(); i++) {
                servers.add(all.resultAt(i));
              }
              return servers;
            });
  }

  static Router router(
      Vertx vertx, GatewayConfig config, BlockStore store, String storeKind, Node node) {
    Router router = Router.router(vertx);
    Parts parts = node.parts();
    Ingest ingest = node.ingest();
    GatewayMetrics metrics = node.metrics();
    // First, so that every request is timed, whichever route or failure handler answers it.
    router.route().handler(metrics.timing(router));
    EntriesApi entries = new EntriesApi(vertx, store, ingest);
    AccountsApi accounts = new AccountsApi(vertx, store, parts.heads(), ingest);
    router.route(HttpMethod.GET, "/api/v1/authors/:did/export").handler(accounts::export);
    router
        .route(HttpMethod.POST, "/api/v1/import")
        .handler(BodyHandler.create(false).setBodyLimit(AccountsApi.MAX_IMPORT_BYTES))
        .handler(accounts::importCar);
    FeedApi feeds = new FeedApi(vertx, parts.index());
    router.route(HttpMethod.GET, "/api/v1/timeline").handler(feeds::timeline);
    router.route(HttpMethod.GET, "/api/v1/search").handler(feeds::search);
    router.route(HttpMethod.GET, "/api/v1/threads/:cid").handler(feeds::thread);
    router.route(HttpMethod.GET, "/api/v1/tags/:tag").handler(feeds::tagFeed);
    router.route(HttpMethod.GET, "/api/v1/authors/:did/feed").handler(feeds::authorFeed);
    router
        .route(HttpMethod.POST, "/api/v1/entries")
        .handler(BodyHandler.create(false).setBodyLimit(EntriesApi.MAX_BODY_BYTES))
        .handler(entries::post);
    router.route(HttpMethod.GET, "/api/v1/entries/:cid").handler(entries::get);
    router
        .route(HttpMethod.GET, "/api/v1/authors/:did")
        .handler(new AuthorsApi(parts.heads(), node.forks())::get);
    AdminApi admin =
        new AdminApi(
            vertx,
            config.adminToken(),
            node.followSet(),
            did -> node.follower().ifPresent(f -> f.followed(did)),
            config.dataDir());
    router.route("/api/v1/admin/*").handler(admin::authorize);
    router.route(HttpMethod.GET, "/api/v1/admin/follows").handler(admin::list);
    router.route(HttpMethod.PUT, "/api/v1/admin/follows/:did").handler(admin::add);
    router.route(HttpMethod.DELETE, "/api/v1/admin/follows/:did").handler(admin::remove);
    router.route("/api/v1/stream").handler(new Cors());
    router
        .route(HttpMethod.GET, "/api/v1/stream")
        .handler(new StreamApi(vertx, node.announcements())::stream);
    router.route("/ipfs/*").handler(new Cors());
    IpfsPathHandler ipfs = new IpfsPathHandler(vertx, store, config.maxCarBlocks());
    router.route(HttpMethod.GET, "/ipfs/*").handler(ipfs);
    router.route(HttpMethod.HEAD, "/ipfs/*").handler(ipfs);
    router
        .route(HttpMethod.GET, "/health")
        .handler(new HealthHandler(store, storeKind, () -> peerStates(node)));
    router.route(HttpMethod.GET, "/metrics").handler(metrics.exposition(vertx));
    router.route(HttpMethod.GET, "/api/v1/openapi.yaml").handler(parts.openApi());
    Problems.install(router);
    return router;
  }

  private static JsonArray peerStates(Node node) {
    JsonArray peers = new JsonArray();
    node.follower()
        .ifPresent(
            f ->
                f.status()
                    .forEach(
                        s ->
                            peers.add(
                                new JsonObject()
                                    .put("url", s.peer().toString())
                                    .put("stream", s.streaming() ? "connected" : "down")
                                    .put("reachable", s.answering()))));
    return peers;
  }

  private static Future<HttpServer> listen(
      Vertx vertx, Router router, GatewayConfig config, int port) {
    return vertx.createHttpServer().requestHandler(router).listen(port, config.host());
  }

  private static boolean isBindFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /** Live-stream subscribers now connected (for tests that must wait for a peer's stream). */
  int streamSubscribers() {
    return node.announcements().subscribers();
  }

  public int port() {
    return servers.get(0).actualPort();
  }

  /** The routes served, in the router's order: what the OpenAPI document must describe. */
  List<Route> routes() {
    return router.getRoutes();
  }

  /** Stops the servers, then saves the heads, indexes what is queued and closes the index. */
  public Future<Void> close() {
    return Future.all(servers.stream().map(HttpServer::close).toList())
        .eventually(() -> closeNode(vertx, node))
        .mapEmpty();
  }

  private static Future<Void> closeNode(Vertx vertx, Node node) {
    node.follower().ifPresent(Follower::close);
    Parts parts = node.parts();
    return parts
        .heads()
        .close()
        .eventually(
            () ->
                vertx.executeBlocking(
                    () -> {
                      parts.feeder().close();
                      parts.index().close();
                      return null;
                    }));
  }
}
