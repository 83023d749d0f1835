package org.ipfeed.cli.serve;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import org.ipfeed.gateway.Blocking;
import org.ipfeed.gateway.Reindex;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.store.local.LocalBlockStore;
import org.ipfeed.store.local.LocalStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ipfeed reindex}: rebuilds a stopped node's index (and its heads) from its block store,
 * showing progress on stderr.
 */
@Command(
    name = "reindex",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuilds the index of a stopped gateway node from its block store.",
      "The index is derived data: this is the cure for an index that is damaged, lost, or",
      "suspected of being wrong. Stop the node first; its data directory is locked while it runs."
    })
public final class ReindexCommand implements Callable<Integer> {

  private static final Duration OPEN = Duration.ofMinutes(5);

  private final Terminal terminal;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "${env:IPFEED_DATA:-ipfeed-data}",
      description = "The node's data directory (env IPFEED_DATA; default: ${DEFAULT-VALUE}).")
  Path data;

  public ReindexCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      LocalBlockStore store;
      try {
        store =
            Blocking.await(
                LocalBlockStore.open(vertx, LocalStoreConfig.defaults(data.resolve("blocks"))),
                OPEN);
      } catch (ConflictException inUse) {
        throw new ConflictException(
            inUse.reason(),
            data.toAbsolutePath() + " is in use, by a running node: stop it, then reindex");
      }
      try {
        ProgressBar bar = new ProgressBar(terminal.err(), System.console() != null);
        long start = System.nanoTime();
        Reindex.Result result =
            Reindex.run(vertx, store, data, p -> bar.show(p.phase(), p.done(), p.total()));
        bar.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        terminal
            .out()
            .printf(
                Locale.ROOT,
                "reindexed %d entries of %d authors in %.1f s (%d pinned blocks were not entries)%n",
                result.entries(),
                result.authors(),
                seconds,
                result.blocksSkipped());
        return ExitCodes.OK;
      } finally {
        Blocking.await(store.close(), OPEN);
      }
    } finally {
      Blocking.await(vertx.close(), OPEN);
    }
  }

  /**
   * One line redrawn in place on a terminal; otherwise (a log, a pipe) a line per phase and per
   * tenth of the way, so a log is not flooded.
   */
  static final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean redraw;
    private String phase = "";
    private long lastTenth = -1;

    ProgressBar(PrintStream err, boolean redraw) {
      this.err = err;
      this.redraw = redraw;
    }

    void show(String phase, long done, long total) {
      boolean newPhase = !phase.equals(this.phase);
      if (newPhase && redraw && !this.phase.isEmpty()) {
        err.println();
      }
      this.phase = phase;
      long tenth = total == 0 ? 10 : done * 10 / total;
      if (!redraw && !newPhase && tenth == lastTenth) {
        return;
      }
      lastTenth = tenth;
      int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
      String line =
          String.format(
              Locale.ROOT,
              "%-9s [%s%s] %3d%% %,d/%,d",
              phase,
              "#".repeat(filled),
              "-".repeat(WIDTH - filled),
              total == 0 ? 100 : done * 100 / total,
              done,
              total);
      if (redraw) {
        err.print("\r" + line);
      } else {
        err.println(line);
      }
      err.flush();
    }

    void finish() {
      if (redraw) {
        err.println();
      }
    }
  }
}
