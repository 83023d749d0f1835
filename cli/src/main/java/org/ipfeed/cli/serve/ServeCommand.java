package org.ipfeed.cli.serve;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import org.ipfeed.gateway.Gateway;
import org.ipfeed.gateway.GatewayConfig;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.store.BlockStore;
import org.ipfeed.store.kubo.KuboBlockStore;
import org.ipfeed.store.kubo.KuboStoreConfig;
import org.ipfeed.store.local.LocalBlockStore;
import org.ipfeed.store.local.LocalStoreConfig;
import org.ipfeed.store.peer.PeerConfig;
import org.ipfeed.store.peer.PeerGatewayReader;
import org.ipfeed.store.tiered.TieredBlockStore;
import org.ipfeed.store.tiered.TieredStoreConfig;
import org.ipfeed.store.tiered.Tiers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ipfeed serve}: one gateway node, until interrupted: the embedded store, in front of an
 * IPFS node and peer gateways when they are configured. Each setting comes from its flag, else its
 * environment variable, else the config file, else its default (see {@link ServeSettings}).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a gateway node: the trustless IPFS gateway over the embedded block store.",
      "Stops cleanly on Ctrl-C (SIGINT) or SIGTERM."
    })
public final class ServeCommand implements Callable<Integer> {

  private final Terminal terminal;
  private Optional<URI> ipfsUrl = Optional.empty();

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Config file of 'key = value' lines, keys as these flags without '--' (env"
              + " IPFEED_CONFIG; default: none). Flags win over the environment, which wins over"
              + " the file.")
  Path configFile;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (env IPFEED_DATA; default: ipfeed-data).")
  Path data;

  @Option(
      names = "--port",
      paramLabel = "N",
      description =
          "Port to listen on (env IPFEED_PORT; default 8080, or a free port if 8080 is taken;"
              + " 0 for any free port).")
  String port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "Address to listen on (env IPFEED_HOST; default: 127.0.0.1).")
  String host;

  @Option(
      names = "--ipfs",
      paramLabel = "URL",
      description =
          "RPC API of an IPFS node (Kubo or js-ipfs) to store through and read from, e.g."
              + " http://127.0.0.1:5001 (env IPFEED_IPFS; default: none, the embedded store only).")
  String ipfs;

  @Option(
      names = "--peer",
      paramLabel = "URL",
      split = ",",
      description =
          "A peer gateway to follow logs from and fetch blocks from; repeatable (env IPFEED_PEER,"
              + " comma-separated; default: none).")
  List<String> peers;

  @Option(
      names = "--follow",
      paramLabel = "DID",
      split = ",",
      description =
          "An author to follow besides those this node's users follow; repeatable (env"
              + " IPFEED_FOLLOW, comma-separated; default: none).")
  List<String> follow;

  @Option(
      names = "--poll-interval",
      paramLabel = "SECONDS",
      description =
          "How often every followed author's head is asked of every peer, in seconds; live"
              + " streams make it a fallback (env IPFEED_POLL_INTERVAL; default: 30).")
  String pollInterval;

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      description =
          "Bearer token of the admin API (/api/v1/admin/...), at least 16 characters; prefer the"
              + " environment or the config file, as flags show in process lists (env"
              + " IPFEED_ADMIN_TOKEN; default: none, the admin API is off).")
  String adminToken;

  @Option(
      names = "--max-car-blocks",
      paramLabel = "N",
      description = "Most blocks in one CAR response (env IPFEED_MAX_CAR_BLOCKS; default: 10000).")
  String maxCarBlocks;

  public ServeCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    GatewayConfig config = config(System.getenv());
    Vertx vertx = Vertx.vertx();
    BlockStore store;
    Gateway gateway;
    try {
      store = await(openStore(vertx, config));
    } catch (RuntimeException e) {
      await(vertx.close());
      throw e;
    }
    try {
      gateway = await(Gateway.start(vertx, config, store, storeKind(config)));
    } catch (UncheckedIOException e) {
      await(store.close().eventually(vertx::close));
      throw new UncheckedIOException(
          new IOException(
              "cannot listen on "
                  + config.host()
                  + ":"
                  + config.port()
                  + ": "
                  + e.getCause().getMessage()));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    // Stop taking requests first, then let the store finish what it
                    // acknowledged, then Vert.x. Each step from this thread: a future chained on
                    // an event loop would never complete once Vert.x has stopped its loops.
                    awaitQuietly(gateway.close());
                    awaitQuietly(store.close());
                    awaitQuietly(vertx.close());
                  } finally {
                    stopped.countDown();
                  }
                },
                "ipfeed-shutdown"));
    terminal
        .out()
        .println(
            "ipfeed: serving http://"
                + config.host()
                + ":"
                + gateway.port()
                + "/ (data in "
                + config.dataDir().toAbsolutePath()
                + ")");
    terminal.out().flush();
    stopped.await();
    return ExitCodes.OK;
  }

  /**
   * The embedded store alone, or in front of the IPFS node and the peers when there are any: reads
   * that miss locally go to them, and writes reach the node through the outbox.
   */
  private Future<BlockStore> openStore(Vertx vertx, GatewayConfig config) {
    return LocalBlockStore.open(
            vertx, LocalStoreConfig.defaults(config.dataDir().resolve("blocks")))
        .compose(
            local -> {
              if (ipfsUrl.isEmpty() && config.peers().isEmpty()) {
                return Future.succeededFuture(local);
              }
              Tiers tiers = Tiers.local(local);
              if (ipfsUrl.isPresent()) {
                tiers =
                    tiers.withNode(
                        KuboBlockStore.create(vertx, KuboStoreConfig.of(ipfsUrl.get().toString())));
              }
              if (!config.peers().isEmpty()) {
                tiers =
                    tiers.withPeers(PeerGatewayReader.create(vertx, PeerConfig.of(config.peers())));
              }
              return TieredBlockStore.open(vertx, TieredStoreConfig.of(config.dataDir()), tiers)
                  .map(tiered -> (BlockStore) tiered)
                  .recover(
                      failure -> local.close().transform(closed -> Future.failedFuture(failure)));
            });
  }

  private String storeKind(GatewayConfig config) {
    return "local"
        + (ipfsUrl.isPresent() ? "+ipfs" : "")
        + (config.peers().isEmpty() ? "" : "+peers");
  }

  /** Every setting from its flag, else the environment, else the config file, else its default. */
  GatewayConfig config(Map<String, String> env) {
    Path file = configFile;
    if (file == null && env.get("IPFEED_CONFIG") != null && !env.get("IPFEED_CONFIG").isBlank()) {
      file = Path.of(env.get("IPFEED_CONFIG").strip());
    }
    ServeSettings settings;
    try {
      settings = ServeSettings.load(env, Optional.ofNullable(file));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    GatewayConfig config = GatewayConfig.defaults();
    config =
        config.withDataDir(
            Path.of(
                pick("data", data == null ? null : data.toString(), settings, "ipfeed-data")
                    .text()));
    config = config.withHost(pick("host", host, settings, "127.0.0.1").text());
    Optional<ServeSettings.Value> chosenPort = optional("port", port, settings);
    if (chosenPort.isPresent()) {
      config = config.withPort(number(chosenPort.get(), "port", 0, 65535));
    }
    config =
        config.withMaxCarBlocks(
            number(
                pick("max-car-blocks", maxCarBlocks, settings, "10000"),
                "max-car-blocks",
                1,
                Integer.MAX_VALUE));
    config =
        config.withPollEvery(
            Duration.ofSeconds(
                number(
                    pick("poll-interval", pollInterval, settings, "30"),
                    "poll-interval",
                    1,
                    86_400)));
    List<URI> peerUrls = new ArrayList<>();
    for (ServeSettings.Value v : list("peer", peers, settings)) {
      peerUrls.add(url(v, "peer"));
    }
    Set<Did> authors = new LinkedHashSet<>();
    for (ServeSettings.Value v : list("follow", follow, settings)) {
      try {
        authors.add(Did.parse(v.text()));
      } catch (RuntimeException e) {
        throw bad(v, "follow", "a did:key DID");
      }
    }
    try {
      config = config.withPeers(peerUrls).withFollow(authors);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--peer: " + e.getMessage());
    }
    Optional<ServeSettings.Value> token = optional("admin-token", adminToken, settings);
    if (token.isPresent()) {
      if (token.get().text().length() < GatewayConfig.MIN_ADMIN_TOKEN) {
        throw bad(
            new ServeSettings.Value("(hidden)", token.get().source()),
            "admin-token",
            "at least " + GatewayConfig.MIN_ADMIN_TOKEN + " characters");
      }
      config = config.withAdminToken(Optional.of(token.get().text()));
    }
    Optional<ServeSettings.Value> node = optional("ipfs", ipfs, settings);
    ipfsUrl = node.isEmpty() ? Optional.empty() : Optional.of(url(node.get(), "ipfs"));
    return config;
  }

  private static ServeSettings.Value pick(
      String key, String flag, ServeSettings settings, String fallback) {
    return optional(key, flag, settings).orElse(new ServeSettings.Value(fallback, "the default"));
  }

  private static Optional<ServeSettings.Value> optional(
      String key, String flag, ServeSettings settings) {
    return flag != null
        ? Optional.of(new ServeSettings.Value(flag, "--" + key))
        : settings.value(key);
  }

  private static List<ServeSettings.Value> list(
      String key, List<String> flag, ServeSettings settings) {
    if (flag != null && !flag.isEmpty()) {
      return flag.stream().map(f -> new ServeSettings.Value(f.strip(), "--" + key)).toList();
    }
    return settings.values(key).orElse(List.of());
  }

  private int number(ServeSettings.Value v, String key, int min, int max) {
    try {
      int n = Integer.parseInt(v.text());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    throw bad(v, key, "a whole number from " + min + " to " + max);
  }

  private URI url(ServeSettings.Value v, String key) {
    try {
      URI uri = new URI(v.text());
      if (uri.isAbsolute()
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw bad(v, key, "an http:// or https:// URL");
  }

  private ParameterException bad(ServeSettings.Value v, String key, String expected) {
    String from = v.source().equals("--" + key) ? "--" + key : key + " (from " + v.source() + ")";
    return new ParameterException(
        spec.commandLine(), from + " must be " + expected + ", not '" + v.text() + "'");
  }

  private static void awaitQuietly(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      System.err.println("ipfeed: while stopping: " + e.getCause());
    }
  }

  private static <T> T await(Future<T> future) throws InterruptedException {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("start-up took over a minute", e);
    }
  }
}
