package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdFilterTest {

  @Test
  void neverForgetsAnIdAndRarelyImaginesOneEvenWhenItGrows() {
    IdFilter filter = new IdFilter(1_000);
    for (int i = 0; i < 50_000; i++) {
      filter.add("id-" + i);
    }
    for (int i = 0; i < 50_000; i++) {
      assertThat(filter.mightContain("id-" + i)).isTrue();
    }
    int falsePositives = 0;
    for (int i = 0; i < 50_000; i++) {
      if (filter.mightContain("other-" + i)) {
        falsePositives++;
      }
    }
    // About 1 % per filter, and growing by doubling keeps several filters: a few percent at most.
    assertThat(falsePositives).isLessThan(50_000 * 5 / 100);
  }
}
