package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index against {@link ReferenceFeed} over a seeded network of tens of thousands of entries,
 * applied in a seeded shuffle (with repeats) in batches: every timeline, feed, thread, post, count,
 * follow list and single-word search must be equal, half-way and at the end, and again after the
 * index is closed and reopened.
 */
class DifferentialTest {

  static final long SEED = 20261126L;

  @TempDir Path dir;

  @Test
  void theIndexAgreesWithTheReferenceEverywhere() {
    FeedScenario scenario = new FeedScenario(SEED, 120, 24_000);
    IndexConfig config = IndexConfig.defaults().withTrustedModerators(scenario.trusted());
    List<List<SignedEntry>> batches = scenario.shuffledBatches(SEED + 1, 17);
    List<Mute> mutes = scenario.mutes;
    Set<SignedEntry> applied = new LinkedHashSet<>();
    List<Mute> mutesApplied = new ArrayList<>();
    try (IndexHarness h = new IndexHarness(dir, config)) {
      for (int b = 0; b < batches.size(); b++) {
        int from = mutes.size() * b / batches.size();
        int to = mutes.size() * (b + 1) / batches.size();
        List<Mute> batchMutes = mutes.subList(from, to);
        h.index.apply(new IndexBatch(batches.get(b), batchMutes, List.of()));
        applied.addAll(batches.get(b));
        mutesApplied.addAll(batchMutes);
        if (b == batches.size() / 2) {
          h.index.refresh();
          compare(h.index, reference(applied, mutesApplied, config), scenario, 6);
        }
      }
      h.index.refresh();
      compare(h.index, reference(applied, mutesApplied, config), scenario, 1);
    }
    try (IndexHarness reopened = new IndexHarness(dir, config)) {
      compare(reopened.index, reference(applied, mutesApplied, config), scenario, 6);
    }
  }

  static ReferenceFeed reference(Set<SignedEntry> applied, List<Mute> mutes, IndexConfig c) {
    return new ReferenceFeed(applied, mutes, c.trustedModerators(), c.hidingLabels());
  }

  /**
   * Compares every read; {@code every} thins the checks (1 checks all; 6 checks every sixth viewer,
   * author and post) so the other comparisons stay quick.
   */
  static void compare(FeedIndex index, ReferenceFeed ref, FeedScenario scenario, int every) {
    Random random = new Random(SEED + every);
    List<Did> people = scenario.authors.stream().map(TestLog::did).toList();
    for (Did viewer : people) {
      assertThat(index.following(viewer))
          .as("following of %s", viewer)
          .isEqualTo(ref.following(viewer));
      assertThat(all(p -> index.homeTimeline(viewer, p), 20))
          .as("home timeline of %s", viewer)
          .isEqualTo(ref.home(viewer));
    }
    int total = 0;
    for (int v = 0; v < people.size(); v += every) total += ref.home(people.get(v)).size();
    PAGES.set(0);
    for (int a = 0; a < people.size(); a += every) {
      Did author = people.get(a);
      Optional<Did> viewer = Optional.of(people.get(random.nextInt(people.size())));
      assertThat(all(p -> index.authorFeed(author, Optional.empty(), p), 50))
          .as("feed of %s", author)
          .isEqualTo(ref.author(author, Optional.empty()));
      assertThat(all(p -> index.authorFeed(author, viewer, p), 50))
          .as("feed of %s seen by %s", author, viewer)
          .isEqualTo(ref.author(author, viewer));
      assertThat(all(p -> index.mentions(author, viewer, p), 30))
          .as("mentions of %s seen by %s", author, viewer)
          .isEqualTo(ref.mentions(author, viewer));
    }
    for (String tag : FeedScenario.TAGS) {
      Optional<Did> viewer = Optional.of(people.get(random.nextInt(people.size())));
      assertThat(all(p -> index.tagFeed(tag, Optional.empty(), p), 100))
          .as("tag %s", tag)
          .isEqualTo(ref.tag(tag, Optional.empty()));
      assertThat(all(p -> index.tagFeed(tag, viewer, p), 100))
          .as("tag %s seen by %s", tag, viewer)
          .isEqualTo(ref.tag(tag, viewer));
    }
    for (Cid community : ref.communities()) {
      Optional<Did> viewer = Optional.of(people.get(random.nextInt(people.size())));
      assertThat(all(p -> index.communityFeed(community, viewer, p), 30))
          .as("community %s", community)
          .isEqualTo(ref.community(community, viewer));
    }
    int i = 0;
    for (SignedEntry e : scenario.entries) {
      if (!(e.entry() instanceof Post) || i++ % every != 0) {
        continue;
      }
      assertThat(index.post(e.cid())).as("post %s", e.cid()).isEqualTo(ref.post(e.cid()));
      if (i % (3 * every) == 0) {
        Optional<Did> viewer =
            random.nextBoolean()
                ? Optional.empty()
                : Optional.of(people.get(random.nextInt(people.size())));
        assertThat(index.thread(e.cid(), viewer))
            .as("thread of %s seen by %s", e.cid(), viewer)
            .isEqualTo(ref.thread(e.cid(), viewer));
      }
    }
    for (String word :
        List.of("love", "computer", "man", "life", "god", "never", "xyzzy", "woman", "time")) {
      Optional<Did> viewer = Optional.of(people.get(random.nextInt(people.size())));
      assertThat(searchAll(index, word, Optional.empty()))
          .as("search %s", word)
          .isEqualTo(ref.search(word, Optional.empty()));
      assertThat(searchAll(index, word, viewer))
          .as("search %s seen by %s", word, viewer)
          .isEqualTo(ref.search(word, viewer));
    }
  }

  static final java.util.concurrent.atomic.AtomicInteger PAGES =
      new java.util.concurrent.atomic.AtomicInteger();

  static List<PostView> all(Function<PageRequest, Page<PostView>> read, int pageSize) {
    List<PostView> out = new ArrayList<>();
    PageRequest page = PageRequest.first(pageSize);
    while (true) {
      Page<PostView> p = read.apply(page);
      out.addAll(p.items());
      if (p.next().isEmpty()) {
        return out;
      }
      page = page.after(p.next().get());
    }
  }

  static List<PostView> searchAll(FeedIndex index, String word, Optional<Did> viewer) {
    List<PostView> out = new ArrayList<>();
    PageRequest page = PageRequest.first(40);
    while (true) {
      Page<SearchHit> p =
          index.search(new SearchRequest(word, SearchRequest.Order.NEWEST, viewer, page));
      p.items().forEach(hit -> out.add(hit.post()));
      if (p.next().isEmpty()) {
        return out;
      }
      page = page.after(p.next().get());
    }
  }
}
