package org.ipfeed.cli.serve;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import org.ipfeed.gateway.Gateway;
import org.ipfeed.gateway.GatewayConfig;
import org.ipfeed.store.local.LocalBlockStore;
import org.ipfeed.store.local.LocalStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ipfeed serve}: one gateway node on the embedded store, until interrupted. Each setting
 * comes from its flag, else its environment variable, else its default.
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

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "${env:IPFEED_DATA:-ipfeed-data}",
      description = "Data directory (env IPFEED_DATA; default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--port",
      paramLabel = "N",
      description =
          "Port to listen on (env IPFEED_PORT; default 8080, or a free port if 8080 is taken;"
              + " 0 for any free port).")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "${env:IPFEED_HOST:-127.0.0.1}",
      description = "Address to listen on (env IPFEED_HOST; default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--max-car-blocks",
      paramLabel = "N",
      defaultValue = "${env:IPFEED_MAX_CAR_BLOCKS:-10000}",
      description =
          "Most blocks in one CAR response (env IPFEED_MAX_CAR_BLOCKS; default: ${DEFAULT-VALUE}).")
  int maxCarBlocks;

  public ServeCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    GatewayConfig config = config();
    Vertx vertx = Vertx.vertx();
    LocalBlockStore store;
    Gateway gateway;
    try {
      store =
          await(
              LocalBlockStore.open(
                  vertx, LocalStoreConfig.defaults(config.dataDir().resolve("blocks"))));
    } catch (RuntimeException e) {
      await(vertx.close());
      throw e;
    }
    try {
      gateway = await(Gateway.start(vertx, config, store, "local"));
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

  private GatewayConfig config() {
    GatewayConfig config = GatewayConfig.defaults().withDataDir(data).withHost(host);
    Integer chosenPort = port != null ? port : envPort();
    if (chosenPort != null) {
      if (chosenPort < 0 || chosenPort > 65535) {
        throw new ParameterException(
            spec.commandLine(), "--port must be between 0 and 65535, not " + chosenPort);
      }
      config = config.withPort(chosenPort);
    }
    if (maxCarBlocks < 1) {
      throw new ParameterException(
          spec.commandLine(), "--max-car-blocks must be at least 1, not " + maxCarBlocks);
    }
    return config.withMaxCarBlocks(maxCarBlocks);
  }

  private Integer envPort() {
    String value = System.getenv("IPFEED_PORT");
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new ParameterException(
          spec.commandLine(), "IPFEED_PORT must be a port number, not '" + value + "'");
    }
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
