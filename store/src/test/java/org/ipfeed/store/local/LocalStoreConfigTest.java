package org.ipfeed.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalStoreConfigTest {

  private final LocalStoreConfig defaults = LocalStoreConfig.defaults(Path.of("data"));

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(defaults.dataDir().isAbsolute()).isTrue();
    assertThat(defaults.dataDir().getFileName().toString()).isEqualTo("data");
    assertThat(defaults.workerPoolSize()).isEqualTo(4);
    assertThat(defaults.segmentBytes()).isEqualTo(64L << 20);
    assertThat(defaults.maxBatchBytes()).isEqualTo(4 << 20);
    assertThat(defaults.maxBacklogBytes()).isEqualTo(64L << 20);
    assertThat(defaults.maxJournalBytes()).isEqualTo(1L << 30);
    assertThat(defaults.backlogTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.materializerThreads()).isEqualTo(2);
    assertThat(defaults.flatfsSync()).isEqualTo(LocalStoreConfig.FlatfsSync.AUTO);
  }

  @Test
  void nonsenseIsRefusedWithTheKeyNamed() {
    assertThatThrownBy(() -> defaults.withWorkerPoolSize(0)).hasMessageContaining("workerPoolSize");
    assertThatThrownBy(() -> defaults.withSegmentBytes(100)).hasMessageContaining("segmentBytes");
    assertThatThrownBy(() -> defaults.withMaxBacklogBytes(-1))
        .hasMessageContaining("maxBacklogBytes");
    assertThatThrownBy(() -> defaults.withMaxJournalBytes(defaults.segmentBytes()))
        .hasMessageContaining("maxJournalBytes");
    assertThatThrownBy(() -> defaults.withBacklogTimeout(Duration.ZERO))
        .hasMessageContaining("backlogTimeout");
    assertThatThrownBy(() -> defaults.withMaterializerThreads(0))
        .hasMessageContaining("materializerThreads");
    assertThatThrownBy(() -> defaults.withMaxBatchBytes(0)).hasMessageContaining("maxBatchBytes");
  }
}
