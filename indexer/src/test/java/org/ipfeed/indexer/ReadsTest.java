package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.multiformats.Cid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threads, counts, feeds, search and cursors. */
class ReadsTest {

  @TempDir Path dir;
  IndexHarness h;

  final TestLog alice = new TestLog(1);
  final TestLog bob = new TestLog(2, TestLog.EPOCH.plusSeconds(10));
  final TestLog carol = new TestLog(3, TestLog.EPOCH.plusSeconds(20));

  @BeforeEach
  void open() {
    h = new IndexHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aThreadIsTheRootThenRepliesDepthFirstSiblingsOldestFirst() {
    SignedEntry root = alice.post("root");
    Cid r = root.cid();
    SignedEntry b1 = bob.reply("b1", r, r);
    SignedEntry c1 = carol.reply("c1", r, r);
    SignedEntry a1 = alice.reply("a1 to b1", r, b1.cid());
    SignedEntry gone = bob.reply("gone", r, c1.cid());
    SignedEntry orphan = carol.reply("answer to gone", r, gone.cid());
    SignedEntry b2 = bob.reply("b2 to a1", r, a1.cid());
    SignedEntry other = alice.post("another thread");
    // Reverse order, to show nothing depends on arrival.
    h.apply(other, b2, orphan, gone, a1, c1, b1, root);
    h.apply(bob.tombstone(gone.cid()));

    ThreadView t = h.index.thread(r, Optional.empty()).orElseThrow();
    assertThat(t.root().text()).isEqualTo("root");
    assertThat(t.replies())
        .extracting(x -> x.post().text() + "@" + x.depth())
        .containsExactly("b1@1", "a1 to b1@2", "b2 to a1@3", "c1@1", "answer to gone@1");
    assertThat(h.index.thread(b2.cid(), Optional.empty())).contains(t);
    assertThat(t.root().replies()).isEqualTo(2);
    assertThat(t.replies().get(0).post().replies()).isEqualTo(1);
  }

  @Test
  void aThreadWithoutItsRootIsEmptyAndBlockedRepliesDropOut() {
    SignedEntry root = alice.post("root");
    Cid r = root.cid();
    SignedEntry b1 = bob.reply("b1", r, r);
    SignedEntry c1 = carol.reply("c1", r, b1.cid());
    h.apply(b1, c1);
    assertThat(h.index.thread(c1.cid(), Optional.empty())).isEmpty();
    h.apply(root, carol.block(bob.did()));
    ThreadView seenByCarol = h.index.thread(r, Optional.of(carol.did())).orElseThrow();
    assertThat(seenByCarol.replies())
        .extracting(x -> x.post().text() + "@" + x.depth())
        .containsExactly("c1@1");
    assertThat(h.index.thread(r, Optional.of(bob.did())).orElseThrow().replies())
        .extracting(x -> x.post().text())
        .containsExactly("b1");
  }

  @Test
  void countsAreDistinctAuthorsAndRepliesAreDirectOnes() {
    SignedEntry post = alice.post("count me");
    Cid p = post.cid();
    h.apply(
        post,
        bob.like(p),
        bob.like(p),
        carol.like(p),
        bob.repost(p),
        bob.reply("reply", p, p),
        carol.reply("another", p, p));
    PostView v = h.post(p).orElseThrow();
    assertThat(List.of(v.likes(), v.reposts(), v.replies())).containsExactly(2L, 1L, 2L);
    PostView inFeed =
        h.index.authorFeed(alice.did(), Optional.empty(), PageRequest.first(5)).items().get(0);
    assertThat(inFeed).isEqualTo(v);
  }

  @Test
  void feedsByTagMentionAndCommunity() {
    TestLog founder = new TestLog(9);
    SignedEntry charter = founder.community("birds", List.of());
    h.apply(
        charter,
        alice.post("tagged", p -> p.withTags(List.of("birds", "spring"))),
        bob.post("mention", p -> p.withMentions(List.of(alice.did()))),
        carol.post("inside", p -> p.withCommunity(charter.cid()).withLangs(List.of("pt-BR"))));
    assertThat(
            IndexHarness.texts(
                IndexHarness.all(x -> h.index.tagFeed("Spring", Optional.empty(), x))))
        .containsExactly("tagged");
    assertThat(
            IndexHarness.texts(
                IndexHarness.all(x -> h.index.mentions(alice.did(), Optional.empty(), x))))
        .containsExactly("mention");
    PostView inside =
        h.index.communityFeed(charter.cid(), Optional.empty(), PageRequest.first(3)).items().get(0);
    assertThat(inside.text()).isEqualTo("inside");
    assertThat(inside.langs()).containsExactly("pt-BR");
    assertThat(inside.community()).contains(charter.cid());
  }

  @Test
  void postsAtTheSameMillisecondPageInIdOrderWithoutLoss() {
    Instant t = Instant.parse("2026-03-01T12:00:00Z");
    List<String> expected = new ArrayList<>();
    List<SignedEntry> posts = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      TestLog author = new TestLog(100 + i);
      SignedEntry e = author.postAt(t, "same time " + i);
      posts.add(e);
    }
    List<SignedEntry> all = new ArrayList<>(posts);
    TestLog viewer = new TestLog(99);
    for (SignedEntry p : posts) {
      all.add(viewer.follow(p.entry().author()));
    }
    h.apply(all.toArray(SignedEntry[]::new));
    posts.stream()
        .map(SignedEntry::cid)
        .sorted(ReferenceFeed.ID_ORDER.reversed())
        .map(Cid::toString)
        .forEach(expected::add);
    List<PostView> timeline = IndexHarness.all(p -> h.index.homeTimeline(viewer.did(), p));
    assertThat(timeline).extracting(v -> v.id().toString()).containsExactlyElementsOf(expected);
  }

  @Test
  void searchFindsWordsNewestFirstOrByRelevanceAndPagesBoth() {
    for (int i = 0; i < 12; i++) {
      h.apply(alice.post("apple " + "pie ".repeat(i % 3) + "number " + i));
    }
    h.apply(bob.post("nothing here"));
    List<String> newest = h.search("apple", Optional.empty());
    assertThat(newest).hasSize(12);
    assertThat(newest.get(0)).endsWith("number 11");

    List<SearchHit> ranked = new ArrayList<>();
    PageRequest page = PageRequest.first(5);
    while (true) {
      Page<SearchHit> p =
          h.index.search(
              new SearchRequest("pie", SearchRequest.Order.RELEVANCE, Optional.empty(), page));
      ranked.addAll(p.items());
      if (p.next().isEmpty()) {
        break;
      }
      page = page.after(p.next().get());
    }
    assertThat(ranked).hasSize(8);
    assertThat(ranked).extracting(x -> x.post().id()).doesNotHaveDuplicates();
    for (int i = 1; i < ranked.size(); i++) {
      assertThat(ranked.get(i).score()).isLessThanOrEqualTo(ranked.get(i - 1).score());
    }
    assertThat(ranked.get(0).snippet()).contains("pie");
  }

  @Test
  void searchSpeaksTheQueryLanguageAndMarksWhatMatched() {
    TestLog founder = new TestLog(9);
    SignedEntry charter = founder.community("birds", List.of());
    h.apply(
        charter,
        alice.post("Big cats & small cats", p -> p.withTags(List.of("cats"))),
        bob.post("cats and dogs", p -> p.withCommunity(charter.cid())),
        carol.post("only dogs here"));
    assertThat(h.search("cats -dogs", Optional.empty())).containsExactly("Big cats & small cats");
    assertThat(h.search("from:" + bob.did() + " cats", Optional.empty()))
        .containsExactly("cats and dogs");
    assertThat(h.search("in:" + charter.cid() + " OR #cats", Optional.empty())).hasSize(2);
    Page<SearchHit> hit =
        h.index.search(
            new SearchRequest(
                "\"big cats\"",
                SearchRequest.Order.RELEVANCE,
                Optional.empty(),
                PageRequest.first(5)));
    assertThat(hit.items())
        .singleElement()
        .extracting(SearchHit::snippet)
        .isEqualTo("<mark>Big cats</mark> &amp; small cats");
    assertThatThrownBy(
            () ->
                h.index.search(
                    new SearchRequest(
                        "cats (dogs",
                        SearchRequest.Order.NEWEST,
                        Optional.empty(),
                        PageRequest.first(5))))
        .isInstanceOf(org.ipfeed.indexer.query.QuerySyntaxException.class);
  }

  @Test
  void aMalformedCursorIsBadInputThatSaysWhy() {
    h.apply(alice.post("one"), alice.post("two"));
    for (String bad : List.of("!!!", "", "bg", "eHl6", "bgAAAAAAAAAAbm90LWEtY2lk")) {
      assertThatThrownBy(
              () ->
                  h.index.authorFeed(
                      alice.did(), Optional.empty(), new PageRequest(1, Optional.of(bad))))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("cursor")
          .extracting(e -> ((BadInputException) e).reason())
          .isEqualTo("invalid-cursor");
    }
    String timeCursor =
        h.index
            .authorFeed(alice.did(), Optional.empty(), PageRequest.first(1))
            .next()
            .orElseThrow();
    assertThatThrownBy(
            () ->
                h.index.search(
                    new SearchRequest(
                        "one",
                        SearchRequest.Order.RELEVANCE,
                        Optional.empty(),
                        new PageRequest(1, Optional.of(timeCursor)))))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("newest-first");
  }

  @Test
  void postIsFoundByAnyVersionAndFollowingListsFollows() {
    SignedEntry original = alice.post("v1");
    SignedEntry edit = alice.edit(original.cid(), "v2");
    h.apply(
        original,
        edit,
        bob.follow(alice.did()),
        bob.follow(carol.did()),
        bob.unfollow(carol.did()));
    assertThat(h.post(edit.cid()).orElseThrow().text()).isEqualTo("v2");
    assertThat(h.post(original.cid()).orElseThrow().cid()).isEqualTo(edit.cid());
    assertThat(h.index.following(bob.did())).containsExactly(alice.did());
    assertThat(h.home(bob.did())).containsExactly("v2");
  }
}
