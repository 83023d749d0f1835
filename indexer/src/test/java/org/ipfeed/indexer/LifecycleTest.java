package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.ipfeed.schema.entry.SignedEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, committing, refreshing and closing. */
class LifecycleTest {

  @TempDir Path dir;

  final TestLog alice = new TestLog(1);

  @Test
  void aNewPostIsSearchableWithinASecondWithoutACommitOrAnExplicitRefresh() throws Exception {
    try (LuceneFeedIndex index = LuceneFeedIndex.open(dir, IndexConfig.defaults())) {
      SignedEntry post = alice.post("fresh news");
      long start = System.nanoTime();
      index.apply(IndexBatch.of(List.of(post), List.of()));
      while (index.post(post.cid()).isEmpty()) {
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(1).toNanos());
        Thread.sleep(5);
      }
      assertThat(committedDocs()).as("visible is not yet committed").isZero();
    }
  }

  @Test
  void reopeningKeepsEntriesAndCheckpointsWhichOnlyMoveForward() {
    SignedEntry first = alice.post("one");
    SignedEntry second = alice.post("two");
    try (LuceneFeedIndex index = LuceneFeedIndex.open(dir, IndexConfig.defaults())) {
      index.apply(IndexBatch.of(List.of(first, second), List.of(alice.checkpoint())));
      index.apply(IndexBatch.of(List.of(), List.of(new Checkpoint(alice.did(), first.cid(), 1))));
      assertThat(index.checkpoint(alice.did()))
          .contains(new Checkpoint(alice.did(), second.cid(), 2));
    }
    try (LuceneFeedIndex index = LuceneFeedIndex.open(dir, IndexConfig.defaults())) {
      assertThat(index.checkpoints())
          .isEqualTo(Map.of(alice.did(), new Checkpoint(alice.did(), second.cid(), 2)));
      assertThat(index.authorFeed(alice.did(), Optional.empty(), PageRequest.first(10)).items())
          .extracting(PostView::text)
          .containsExactly("two", "one");
    }
  }

  @Test
  void commitsHappenByCountAndByAge() throws Exception {
    IndexConfig byCount =
        IndexConfig.defaults().withCommitEveryOps(3).withCommitInterval(Duration.ofHours(1));
    try (LuceneFeedIndex index = LuceneFeedIndex.open(dir, byCount)) {
      index.apply(IndexBatch.of(List.of(alice.post("a"), alice.post("b")), List.of()));
      assertThat(committedDocs()).isZero();
      index.apply(IndexBatch.of(List.of(alice.post("c")), List.of()));
      assertThat(committedDocs()).isEqualTo(3);
    }
    IndexConfig byAge =
        IndexConfig.defaults().withCommitEveryOps(1_000).withCommitInterval(Duration.ofMillis(100));
    try (LuceneFeedIndex index = LuceneFeedIndex.open(dir, byAge)) {
      index.apply(IndexBatch.of(List.of(alice.post("d")), List.of()));
      long start = System.nanoTime();
      while (committedDocs() < 4) {
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(5).toNanos());
        Thread.sleep(10);
      }
    }
  }

  @Test
  void closingCommitsAndAClosedIndexRefusesWork() throws Exception {
    LuceneFeedIndex index =
        LuceneFeedIndex.open(dir, IndexConfig.defaults().withCommitInterval(Duration.ofHours(1)));
    index.apply(IndexBatch.of(List.of(alice.post("kept")), List.of()));
    index.close();
    index.close();
    assertThat(committedDocs()).isEqualTo(1);
    assertThatThrownBy(() -> index.apply(IndexBatch.of(List.of(), List.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> index.post(alice.head().orElseThrow()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anIndexOfAnotherFormatIsRefusedNotMisread() throws Exception {
    try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig())) {
      w.setLiveCommitData(Map.of(LuceneFeedIndex.FORMAT_KEY, "0").entrySet());
      w.commit();
    }
    assertThatThrownBy(() -> LuceneFeedIndex.open(dir, IndexConfig.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reindex");
  }

  @Test
  void aSecondProcessCannotOpenTheSameIndex() {
    try (LuceneFeedIndex index = LuceneFeedIndex.open(dir, IndexConfig.defaults())) {
      assertThatThrownBy(() -> LuceneFeedIndex.open(dir, IndexConfig.defaults()))
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessageContaining(dir.toString());
    }
  }

  /** Posts in the last commit, as another process opening the directory would see them. */
  private long committedDocs() throws java.io.IOException {
    try (FSDirectory d = FSDirectory.open(dir);
        DirectoryReader r = DirectoryReader.open(d)) {
      return r.docFreq(new org.apache.lucene.index.Term(IndexFields.KIND, IndexFields.KIND_POST));
    }
  }
}
