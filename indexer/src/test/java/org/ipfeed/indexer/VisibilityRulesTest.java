package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.entry.Subject;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who sees what: blocks both ways, private mutes, and moderation labels from trusted authors. */
class VisibilityRulesTest {

  static final TestLog GATEWAY_MOD = new TestLog(500);

  @TempDir Path dir;
  IndexHarness h;

  final TestLog alice = new TestLog(1);
  final TestLog bob = new TestLog(2);
  final TestLog carol = new TestLog(3);

  @BeforeEach
  void open() {
    h =
        new IndexHarness(
            dir, IndexConfig.defaults().withTrustedModerators(Set.of(GATEWAY_MOD.did())));
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aBlockHidesEachFromTheOtherEverywhereAndItsTombstoneUndoesIt() {
    h.apply(
        alice.follow(bob.did()),
        bob.follow(alice.did()),
        carol.follow(alice.did()),
        carol.follow(bob.did()),
        alice.post("alice says #hello", p -> p.withTags(List.of("hello"))),
        bob.post("bob says #hello", p -> p.withTags(List.of("hello"))));
    SignedEntry block = alice.block(bob.did());
    h.apply(block);

    assertThat(h.home(alice.did())).containsExactly("alice says #hello");
    assertThat(h.home(bob.did())).containsExactly("bob says #hello");
    assertThat(h.home(carol.did()))
        .containsExactlyInAnyOrder("alice says #hello", "bob says #hello");
    assertThat(h.author(bob.did(), alice.did())).isEmpty();
    assertThat(h.author(alice.did(), bob.did())).isEmpty();
    assertThat(h.search("says", Optional.of(bob.did()))).containsExactly("bob says #hello");
    assertThat(tag("hello", alice.did())).containsExactly("alice says #hello");

    h.apply(alice.tombstone(block.cid()));
    assertThat(h.home(alice.did())).hasSize(2);
    assertThat(h.home(bob.did())).hasSize(2);
  }

  @Test
  void aMuteHidesAnAuthorFromOneViewerExceptOnTheirOwnFeed() {
    h.apply(
        alice.follow(bob.did()),
        carol.follow(bob.did()),
        bob.post("bob on #cats", p -> p.withTags(List.of("cats"))),
        carol.post("carol on #cats", p -> p.withTags(List.of("cats"))),
        alice.follow(carol.did()));
    h.mute(alice.did(), bob.did(), true);

    assertThat(h.home(alice.did())).containsExactly("carol on #cats");
    assertThat(h.home(carol.did())).containsExactly("carol on #cats", "bob on #cats");
    assertThat(tag("cats", alice.did())).containsExactly("carol on #cats");
    assertThat(h.search("cats", Optional.of(alice.did()))).containsExactly("carol on #cats");
    assertThat(h.author(bob.did(), alice.did())).containsExactly("bob on #cats");

    h.mute(alice.did(), bob.did(), false);
    assertThat(h.home(alice.did())).hasSize(2);
  }

  @Test
  void onlyTrustedLabellersHideAndOnlyWithHidingValues() {
    SignedEntry spam = bob.post("buy now");
    SignedEntry fine = bob.post("a fine post");
    SignedEntry art = bob.post("a painting");
    h.apply(spam, fine, art);
    h.apply(
        GATEWAY_MOD.label(Subject.of(spam.cid()), "spam", Optional.empty(), false),
        carol.label(Subject.of(fine.cid()), "spam", Optional.empty(), false),
        GATEWAY_MOD.label(Subject.of(art.cid()), "approved", Optional.empty(), false));
    assertThat(h.author(bob.did())).containsExactly("a painting", "a fine post");
    assertThat(h.post(spam.cid())).isEmpty();
  }

  @Test
  void aNegationWithAHigherSeqWithdrawsALabelInEitherOrder() {
    SignedEntry post = bob.post("contested");
    SignedEntry label = GATEWAY_MOD.label(Subject.of(post.cid()), "hide", Optional.empty(), false);
    SignedEntry negate = GATEWAY_MOD.label(Subject.of(post.cid()), "hide", Optional.empty(), true);
    h.apply(post, negate);
    assertThat(h.author(bob.did())).containsExactly("contested");
    h.apply(label);
    assertThat(h.author(bob.did())).containsExactly("contested");
    SignedEntry again = GATEWAY_MOD.label(Subject.of(post.cid()), "hide", Optional.empty(), false);
    h.apply(again);
    assertThat(h.author(bob.did())).isEmpty();
    h.apply(GATEWAY_MOD.tombstone(again.cid()));
    assertThat(h.author(bob.did())).as("the negation decides again").containsExactly("contested");
  }

  @Test
  void aLabelOnAnAuthorHidesAllTheirPostsAndALabelOnAnyVersionHidesThePost() {
    SignedEntry a1 = alice.post("alice one");
    SignedEntry a2 = alice.post("alice two");
    SignedEntry original = carol.post("carol v1");
    SignedEntry edit = carol.edit(original.cid(), "carol v2");
    h.apply(a1, a2, original, edit);
    h.apply(GATEWAY_MOD.label(Subject.of(alice.did()), "spam", Optional.empty(), false));
    assertThat(h.author(alice.did())).isEmpty();
    h.apply(GATEWAY_MOD.label(Subject.of(edit.cid()), "nsfw", Optional.empty(), false));
    assertThat(h.author(carol.did())).isEmpty();
  }

  @Test
  void communityModeratorsHideOnlyWithinTheirCommunity() {
    TestLog founder = new TestLog(20);
    TestLog mod = new TestLog(21);
    TestLog laterMod = new TestLog(22);
    SignedEntry charter = founder.community("gardening", List.of(mod.did()));
    Cid c = charter.cid();
    SignedEntry inside = bob.post("off topic in the garden", p -> p.withCommunity(c));
    SignedEntry outside = bob.post("off topic elsewhere");
    SignedEntry inside2 = bob.post("also in the garden", p -> p.withCommunity(c));
    SignedEntry inside3 = bob.post("founder dislikes this", p -> p.withCommunity(c));
    // Labels first, charter last: they take effect once it says who moderates.
    h.apply(
        mod.label(Subject.of(inside.cid()), "hide", Optional.of(c), false),
        mod.label(Subject.of(outside.cid()), "hide", Optional.of(c), false),
        mod.label(Subject.of(inside2.cid()), "hide", Optional.empty(), false),
        carol.label(Subject.of(inside2.cid()), "hide", Optional.of(c), false),
        laterMod.label(Subject.of(inside2.cid()), "spam", Optional.of(c), false),
        founder.label(Subject.of(inside3.cid()), "hide", Optional.of(c), false),
        inside,
        outside,
        inside2,
        inside3);
    assertThat(communityTexts(c)).hasSize(3);
    h.apply(charter);
    assertThat(communityTexts(c)).containsExactly("also in the garden");
    assertThat(h.author(bob.did())).containsExactly("also in the garden", "off topic elsewhere");

    // An amendment by someone else changes nothing; the founder's does.
    h.apply(carol.amendCommunity(c, "gardening", List.of(laterMod.did())));
    assertThat(communityTexts(c)).containsExactly("also in the garden");
    h.apply(founder.amendCommunity(c, "gardening", List.of(laterMod.did())));
    assertThat(communityTexts(c))
        .as("the new moderator's label counts, the removed moderator's no longer")
        .containsExactly("off topic in the garden");
  }

  @Test
  void hidingLabelValuesAreConfigurable() {
    h.close();
    h =
        new IndexHarness(
            dir,
            IndexConfig.defaults()
                .withTrustedModerators(Set.of(GATEWAY_MOD.did()))
                .withHidingLabels(Set.of("gore")));
    SignedEntry p1 = bob.post("one");
    SignedEntry p2 = bob.post("two");
    h.apply(
        p1,
        p2,
        GATEWAY_MOD.label(Subject.of(p1.cid()), "spam", Optional.empty(), false),
        GATEWAY_MOD.label(Subject.of(p2.cid()), "gore", Optional.empty(), false));
    assertThat(h.author(bob.did())).containsExactly("one");
  }

  private List<String> tag(String tag, Did viewer) {
    return IndexHarness.texts(
        IndexHarness.all(p -> h.index.tagFeed("#" + tag.toUpperCase(), Optional.of(viewer), p)));
  }

  private List<String> communityTexts(Cid c) {
    return IndexHarness.texts(IndexHarness.all(p -> h.index.communityFeed(c, Optional.empty(), p)));
  }
}
