package org.ipfeed.store.tiered;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the tiered store itself; the tiers bring their own.
 *
 * @param dataDir the gateway's data directory; the outbox journal lives in its {@code outbox}
 *     folder. Default {@code ipfeed-data} in the working directory
 * @param outbox how writes reach the IPFS node; default {@link OutboxConfig#defaults()}
 */
public record TieredStoreConfig(Path dataDir, OutboxConfig outbox) {

  public static final Path DEFAULT_DATA_DIR = Path.of("ipfeed-data");

  public TieredStoreConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(outbox, "outbox");
  }

  /** Defaults for everything but the data directory. */
  public static TieredStoreConfig of(Path dataDir) {
    return new TieredStoreConfig(dataDir, OutboxConfig.defaults());
  }

  public static TieredStoreConfig defaults() {
    return of(DEFAULT_DATA_DIR);
  }

  public TieredStoreConfig withOutbox(OutboxConfig outbox) {
    return new TieredStoreConfig(dataDir, outbox);
  }

  /** Where the outbox keeps its journal and lock. */
  public Path outboxDir() {
    return dataDir.resolve("outbox");
  }
}
