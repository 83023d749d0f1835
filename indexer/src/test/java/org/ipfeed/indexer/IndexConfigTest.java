package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    IndexConfig c = IndexConfig.defaults();
    assertThat(c.commitEveryOps()).isEqualTo(200_000);
    assertThat(c.commitInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.refreshInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.ramBufferMb()).isEqualTo(64);
    assertThat(c.trustedModerators()).isEmpty();
    assertThat(c.hidingLabels()).containsExactlyInAnyOrder("hide", "spam", "nsfw");
  }

  @Test
  void badValuesAreRefusedWithTheirName() {
    IndexConfig c = IndexConfig.defaults();
    assertThatThrownBy(() -> c.withCommitEveryOps(0)).hasMessageContaining("commitEveryOps");
    assertThatThrownBy(() -> c.withCommitInterval(Duration.ZERO))
        .hasMessageContaining("commitInterval");
    assertThatThrownBy(() -> c.withRefreshInterval(Duration.ofSeconds(2)))
        .hasMessageContaining("under a second");
    assertThatThrownBy(() -> c.withRamBufferMb(0)).hasMessageContaining("ramBufferMb");
    assertThat(c.withHidingLabels(Set.of("gore")).hidingLabels()).containsExactly("gore");
  }
}
