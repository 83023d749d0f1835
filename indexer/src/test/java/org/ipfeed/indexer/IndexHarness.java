package org.ipfeed.indexer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/** A real index in a temporary directory, with shortcuts for tests that write then read. */
final class IndexHarness implements AutoCloseable {

  final Path dir;
  final LuceneFeedIndex index;

  IndexHarness(Path dir) {
    this(dir, IndexConfig.defaults());
  }

  IndexHarness(Path dir, IndexConfig config) {
    this.dir = dir;
    this.index = LuceneFeedIndex.open(dir, config);
  }

  /** Applies the entries as one batch and makes them visible. */
  IndexHarness apply(SignedEntry... entries) {
    index.apply(IndexBatch.of(List.of(entries), List.of()));
    index.refresh();
    return this;
  }

  /** Applies each entry as its own batch, in order, and makes them visible. */
  IndexHarness applyEach(List<SignedEntry> entries) {
    for (SignedEntry e : entries) {
      index.apply(IndexBatch.of(List.of(e), List.of()));
    }
    index.refresh();
    return this;
  }

  IndexHarness mute(Did viewer, Did author, boolean muted) {
    index.apply(new IndexBatch(List.of(), List.of(new Mute(viewer, author, muted)), List.of()));
    index.refresh();
    return this;
  }

  /** Every post of a listing, following cursors to the end. */
  static List<PostView> all(java.util.function.Function<PageRequest, Page<PostView>> read) {
    List<PostView> out = new ArrayList<>();
    PageRequest page = PageRequest.first(7);
    while (true) {
      Page<PostView> p = read.apply(page);
      out.addAll(p.items());
      if (p.next().isEmpty()) {
        return out;
      }
      page = page.after(p.next().get());
    }
  }

  List<String> home(Did viewer) {
    return texts(all(p -> index.homeTimeline(viewer, p)));
  }

  List<String> author(Did author) {
    return texts(all(p -> index.authorFeed(author, Optional.empty(), p)));
  }

  List<String> author(Did author, Did viewer) {
    return texts(all(p -> index.authorFeed(author, Optional.of(viewer), p)));
  }

  Optional<PostView> post(Cid cid) {
    return index.post(cid);
  }

  List<String> search(String query, Optional<Did> viewer) {
    List<String> out = new ArrayList<>();
    PageRequest page = PageRequest.first(5);
    while (true) {
      Page<SearchHit> p =
          index.search(new SearchRequest(query, SearchRequest.Order.NEWEST, viewer, page));
      p.items().forEach(h -> out.add(h.post().text()));
      if (p.next().isEmpty()) {
        return out;
      }
      page = page.after(p.next().get());
    }
  }

  static List<String> texts(List<PostView> posts) {
    return posts.stream().map(PostView::text).toList();
  }

  static <T> List<List<T>> permutations(List<T> items) {
    if (items.size() <= 1) {
      return List.of(items);
    }
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<T> rest = new ArrayList<>(items);
      T head = rest.remove(i);
      for (List<T> tail : permutations(rest)) {
        List<T> p = new ArrayList<>(List.of(head));
        p.addAll(tail);
        out.add(p);
      }
    }
    return out;
  }

  @SafeVarargs
  static <T> List<T> list(T... items) {
    return Arrays.asList(items);
  }

  @Override
  public void close() {
    index.close();
  }
}
