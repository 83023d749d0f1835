package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cursor paging while a writer adds newer posts and the searcher refreshes underneath: every post
 * that existed when paging started appears exactly once, in order, and nothing repeats.
 */
class PagingUnderInsertsTest {

  @TempDir Path dir;

  @Test
  void noDuplicatesAndNoGapsWhileNewerPostsArrive() throws Exception {
    IndexConfig config = IndexConfig.defaults().withRefreshInterval(Duration.ofMillis(5));
    try (LuceneFeedIndex index = LuceneFeedIndex.open(dir, config)) {
      TestLog viewer = new TestLog(1);
      List<TestLog> authors = new ArrayList<>();
      List<SignedEntry> setup = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        TestLog a = new TestLog(10 + i);
        authors.add(a);
        setup.add(viewer.follow(a.did()));
      }
      Set<Cid> before = new HashSet<>();
      Instant t = Instant.parse("2026-02-01T00:00:00Z");
      for (int i = 0; i < 600; i++) {
        // Three posts share each second, so pages end in the middle of ties.
        SignedEntry p =
            authors.get(i % authors.size()).postAt(t.plusSeconds(i / 3), "word post " + i);
        setup.add(p);
        before.add(p.cid());
      }
      index.apply(IndexBatch.of(setup, List.of()));
      index.refresh();

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger inserted = new AtomicInteger();
      ExecutorService writer = Executors.newSingleThreadExecutor();
      Future<?> writing =
          writer.submit(
              () -> {
                Instant later = t.plus(Duration.ofDays(1));
                while (!stop.get() && inserted.get() < 2_000) {
                  int n = inserted.incrementAndGet();
                  index.apply(
                      IndexBatch.of(
                          List.of(
                              authors
                                  .get(n % authors.size())
                                  .postAt(later.plusMillis(n / 2), "word newer " + n)),
                          List.of()));
                  Thread.sleep(1);
                }
                return null;
              });
      try {
        for (int pass = 0; pass < 3; pass++) {
          check(before, p -> index.homeTimeline(viewer.did(), p));
          check(before, p -> searchPage(index, p));
        }
      } finally {
        stop.set(true);
        writing.get();
        writer.shutdown();
      }
      assertThat(inserted.get()).as("the writer really wrote meanwhile").isGreaterThan(20);
    }
  }

  private static void check(Set<Cid> before, Function<PageRequest, Page<PostView>> read)
      throws InterruptedException {
    List<PostView> seen = new ArrayList<>();
    PageRequest page = PageRequest.first(9);
    while (true) {
      Page<PostView> p = read.apply(page);
      seen.addAll(p.items());
      if (p.next().isEmpty()) {
        break;
      }
      page = page.after(p.next().get());
      Thread.sleep(1);
    }
    List<Cid> ids = seen.stream().map(PostView::id).toList();
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(ids).containsAll(before);
    for (int i = 1; i < seen.size(); i++) {
      PostView a = seen.get(i - 1);
      PostView b = seen.get(i);
      int cmp = a.createdAt().compareTo(b.createdAt());
      assertThat(cmp > 0 || (cmp == 0 && ReferenceFeed.ID_ORDER.compare(a.id(), b.id()) > 0))
          .as("%s before %s", a.id(), b.id())
          .isTrue();
    }
  }

  private static Page<PostView> searchPage(LuceneFeedIndex index, PageRequest page) {
    Page<SearchHit> hits =
        index.search(
            new SearchRequest("word", SearchRequest.Order.NEWEST, Optional.<Did>empty(), page));
    return new Page<>(hits.items().stream().map(SearchHit::post).toList(), hits.next());
  }
}
