package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index writes with {@link FeedCodec}, and still reads segments Lucene's default wrote. */
class FeedCodecTest {

  @TempDir Path dir;

  final TestLog alice = new TestLog(1);

  @Test
  void theServiceLoaderFindsTheCodecByTheNameSegmentsCarry() {
    assertThat(Codec.forName(FeedCodec.NAME)).isInstanceOf(FeedCodec.class);
  }

  @Test
  void segmentsOfTheDefaultCodecStillReadAndNewOnesUseTheFeedCodec() throws Exception {
    SignedEntry old = alice.post("written by an earlier version");
    try (Directory d = FSDirectory.open(dir);
        IndexWriter w =
            new IndexWriter(
                d,
                new IndexWriterConfig(TextAnalysis.analyzer())
                    .setIndexSort(FeedReads.NEWEST)
                    .setCodec(Codec.forName("Lucene912")))) {
      w.setLiveCommitData(Map.of(LuceneFeedIndex.FORMAT_KEY, LuceneFeedIndex.FORMAT).entrySet());
      w.addDocument(EntryDocuments.post(PostState.original(old.cid(), (Post) old.entry())));
      w.commit();
    }
    SignedEntry fresh = alice.post("written with the feed codec");
    try (LuceneFeedIndex index = LuceneFeedIndex.open(dir, IndexConfig.defaults())) {
      index.apply(IndexBatch.of(List.of(fresh), List.of()));
      index.refresh();
      assertThat(index.authorFeed(alice.did(), Optional.empty(), PageRequest.first(10)).items())
          .extracting(PostView::text)
          .containsExactly("written with the feed codec", "written by an earlier version");
    }
    try (Directory d = FSDirectory.open(dir)) {
      assertThat(SegmentInfos.readLatestCommit(d).asList())
          .extracting((SegmentCommitInfo s) -> s.info.getCodec().getName())
          .containsExactlyInAnyOrder("Lucene912", FeedCodec.NAME);
    }
  }
}
