package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ipfeed.schema.entry.SignedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of docs/index.md for entries that arrive in any order: every permutation of a small set
 * of entries must give the same reads. Each permutation uses its own authors, so one index holds
 * them all; even permutations go in as one batch, odd ones one entry per batch.
 */
class OutOfOrderRulesTest {

  @TempDir Path dir;
  IndexHarness h;
  int nextAuthor = 1;

  @BeforeEach
  void open() {
    h = new IndexHarness(dir);
  }

  @AfterEach
  void close() {
    h.close();
  }

  private void applyInOrder(List<SignedEntry> order, int permutation) {
    if (permutation % 2 == 0) {
      h.apply(order.toArray(SignedEntry[]::new));
    } else {
      h.applyEach(order);
    }
  }

  @Test
  void aTombstoneDeletesItsPostWhicheverArrivesFirst() {
    for (int i = 0; i < 2; i++) {
      TestLog a = new TestLog(nextAuthor++);
      SignedEntry post = a.post("short lived");
      SignedEntry tomb = a.tombstone(post.cid());
      List<SignedEntry> order = i == 0 ? List.of(post, tomb) : List.of(tomb, post);
      applyInOrder(order, i);
      assertThat(h.author(a.did())).isEmpty();
      assertThat(h.post(post.cid())).isEmpty();
      // Applying either again changes nothing.
      h.apply(post, tomb);
      assertThat(h.author(a.did())).isEmpty();
    }
  }

  @Test
  void aTombstoneOfSomeoneElsesPostDoesNothing() {
    for (int i = 0; i < 2; i++) {
      TestLog a = new TestLog(nextAuthor++);
      TestLog b = new TestLog(nextAuthor++);
      SignedEntry post = a.post("mine");
      SignedEntry tomb = b.tombstone(post.cid());
      applyInOrder(i == 0 ? List.of(post, tomb) : List.of(tomb, post), i);
      assertThat(h.author(a.did())).containsExactly("mine");
    }
  }

  @Test
  void theNewestEditShowsWhateverTheOrderKeepingTheOriginalsTimeAndId() {
    int p = 0;
    for (List<Integer> order : IndexHarness.permutations(List.of(0, 1, 2))) {
      TestLog a = new TestLog(nextAuthor++);
      SignedEntry original = a.post("first words");
      SignedEntry edit1 = a.edit(original.cid(), "second thoughts");
      SignedEntry edit2 = a.edit(original.cid(), "final answer");
      List<SignedEntry> entries = List.of(original, edit1, edit2);
      applyInOrder(order.stream().map(entries::get).toList(), p++);

      PostView shown = h.post(original.cid()).orElseThrow();
      assertThat(shown.text()).as("order %s", order).isEqualTo("final answer");
      assertThat(shown.id()).isEqualTo(original.cid());
      assertThat(shown.cid()).isEqualTo(edit2.cid());
      assertThat(shown.seq()).isEqualTo(3);
      assertThat(shown.edited()).isTrue();
      assertThat(shown.createdAt()).isEqualTo(original.entry().header().createdAt());
      assertThat(h.post(edit1.cid())).contains(shown);
      assertThat(h.author(a.did())).containsExactly("final answer");
    }
  }

  @Test
  void anEditByAnotherAuthorIsIgnoredInEitherOrder() {
    for (int i = 0; i < 2; i++) {
      TestLog a = new TestLog(nextAuthor++);
      TestLog b = new TestLog(nextAuthor++);
      SignedEntry original = a.post("what I said");
      SignedEntry forged = b.edit(original.cid(), "what b wants me to say");
      applyInOrder(i == 0 ? List.of(original, forged) : List.of(forged, original), i);
      PostView shown = h.post(original.cid()).orElseThrow();
      assertThat(shown.text()).isEqualTo("what I said");
      assertThat(shown.edited()).isFalse();
      assertThat(h.author(b.did())).isEmpty();
    }
  }

  @Test
  void deletingAnyVersionDeletesThePostInEveryOrder() {
    int p = 0;
    for (List<Integer> order : IndexHarness.permutations(List.of(0, 1, 2, 3))) {
      TestLog a = new TestLog(nextAuthor++);
      SignedEntry original = a.post("v1");
      SignedEntry edit1 = a.edit(original.cid(), "v2");
      SignedEntry edit2 = a.edit(original.cid(), "v3");
      SignedEntry tomb = a.tombstone(edit1.cid());
      List<SignedEntry> entries = List.of(original, edit1, edit2, tomb);
      applyInOrder(order.stream().map(entries::get).toList(), p++);
      assertThat(h.author(a.did())).as("order %s", order).isEmpty();
      assertThat(h.post(original.cid())).isEmpty();
      // Nothing brings it back: not the original again, not another edit.
      h.apply(original, edit2, a.edit(original.cid(), "v4"));
      assertThat(h.author(a.did())).as("order %s, re-applied", order).isEmpty();
    }
  }

  @Test
  void theFollowOrUnfollowWithTheHighestSeqDecides() {
    int p = 0;
    for (List<Integer> order : IndexHarness.permutations(List.of(0, 1, 2))) {
      TestLog a = new TestLog(nextAuthor++);
      TestLog b = new TestLog(nextAuthor++);
      TestLog c = new TestLog(nextAuthor++);
      List<SignedEntry> entries =
          List.of(a.follow(b.did()), a.unfollow(b.did()), a.follow(b.did()));
      SignedEntry f = a.follow(c.did());
      SignedEntry u = a.unfollow(c.did());
      applyInOrder(order.stream().map(entries::get).toList(), p);
      applyInOrder(p % 2 == 0 ? List.of(u, f) : List.of(f, u), p);
      p++;
      assertThat(h.index.following(a.did())).as("order %s", order).containsExactly(b.did());
    }
  }

  @Test
  void aReactionBeforeItsPostCountsOnceThePostArrives() {
    TestLog a = new TestLog(nextAuthor++);
    TestLog b = new TestLog(nextAuthor++);
    TestLog c = new TestLog(nextAuthor++);
    SignedEntry post = a.post("like me");
    h.apply(b.like(post.cid()), c.like(post.cid()), c.repost(post.cid()));
    assertThat(h.post(post.cid())).isEmpty();
    h.apply(post);
    PostView v = h.post(post.cid()).orElseThrow();
    assertThat(v.likes()).isEqualTo(2);
    assertThat(v.reposts()).isEqualTo(1);
  }

  @Test
  void aTombstonedReactionNeverCountsWhicheverArrivesFirst() {
    TestLog a = new TestLog(nextAuthor++);
    TestLog b = new TestLog(nextAuthor++);
    TestLog c = new TestLog(nextAuthor++);
    SignedEntry post = a.post("fickle");
    SignedEntry likeB = b.like(post.cid());
    SignedEntry undoB = b.tombstone(likeB.cid());
    SignedEntry likeC = c.like(post.cid());
    SignedEntry undoC = c.tombstone(likeC.cid());
    h.apply(post, likeB, undoC);
    h.apply(undoB, likeC);
    assertThat(h.post(post.cid()).orElseThrow().likes()).isZero();
  }

  @Test
  void aLabelBeforeItsSubjectHidesItWhenItArrives() {
    TestLog mod = new TestLog(900);
    h.close();
    h =
        new IndexHarness(
            dir, IndexConfig.defaults().withTrustedModerators(java.util.Set.of(mod.did())));
    TestLog a = new TestLog(nextAuthor++);
    SignedEntry post = a.post("spam spam spam");
    h.apply(
        mod.label(org.ipfeed.schema.entry.Subject.of(post.cid()), "spam", Optional.empty(), false));
    h.apply(post);
    assertThat(h.author(a.did())).isEmpty();
    assertThat(h.post(post.cid())).isEmpty();
  }

  @Test
  void aBlockAndItsTombstoneInEitherOrder() {
    for (int i = 0; i < 2; i++) {
      TestLog a = new TestLog(nextAuthor++);
      TestLog b = new TestLog(nextAuthor++);
      SignedEntry post = b.post("from b");
      SignedEntry follow = a.follow(b.did());
      SignedEntry block = a.block(b.did());
      SignedEntry unblock = a.tombstone(block.cid());
      h.apply(post, follow);
      applyInOrder(i == 0 ? List.of(block, unblock) : List.of(unblock, block), i);
      assertThat(h.home(a.did())).containsExactly("from b");
    }
  }
}
