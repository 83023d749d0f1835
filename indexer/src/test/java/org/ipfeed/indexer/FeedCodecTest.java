package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
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
    writeWith(Codec.forName("Lucene912"), old);
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
    try (Directory d = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(d)) {
      List<String> storedFields =
          reader.leaves().stream()
              .map(LeafReaderContext::reader)
              .map(r -> ((CodecReader) r).getFieldsReader().toString())
              .toList();
      // The point of the codec: small chunks in the new segment, Lucene's default in the old.
      String small = "mode=FAST,chunksize=" + FeedCodec.CHUNK_BYTES;
      assertThat(storedFields)
          .anySatisfy(s -> assertThat(s).contains(small))
          .anySatisfy(s -> assertThat(s).doesNotContain(small));
    }
  }

  @Test
  void anIndexWithACodecThisVersionDoesNotKnowIsToBeRebuiltNotMisread() throws Exception {
    // What an older ipfeed meets in an index a newer one wrote: a codec name it cannot look up.
    writeWith(new FilterCodec("IpfeedFromTheFuture", new Lucene912Codec()) {}, alice.post("hi"));
    assertThatThrownBy(() -> LuceneFeedIndex.open(dir, IndexConfig.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("IpfeedFromTheFuture")
        .hasMessageContaining("rebuild it with ipfeed reindex");
  }

  /** A committed index of one post, written with {@code codec} outside {@link LuceneFeedIndex}. */
  private void writeWith(Codec codec, SignedEntry post) throws Exception {
    try (Directory d = FSDirectory.open(dir);
        IndexWriter w =
            new IndexWriter(
                d,
                new IndexWriterConfig(TextAnalysis.analyzer())
                    .setIndexSort(FeedReads.NEWEST)
                    .setCodec(codec))) {
      w.setLiveCommitData(Map.of(LuceneFeedIndex.FORMAT_KEY, LuceneFeedIndex.FORMAT).entrySet());
      w.addDocument(EntryDocuments.post(PostState.original(post.cid(), (Post) post.entry())));
      w.commit();
    }
  }
}
