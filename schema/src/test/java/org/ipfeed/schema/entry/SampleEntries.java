package org.ipfeed.schema.entry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ipfeed.schema.identity.KeyPair;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.testing.Hex;

/** One entry of every type, each with its optional fields filled, by two fixed authors. */
final class SampleEntries {

  static final KeyPair ALICE =
      KeyPair.fromSeed(
          Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  static final KeyPair BOB =
      KeyPair.fromSeed(
          Hex.decode("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
  static final Instant T = Instant.parse("2026-11-26T10:00:00.123Z");
  static final Cid SOME_POST = Cid.dagCbor(new byte[] {1});
  static final Cid OTHER_POST = Cid.dagCbor(new byte[] {2});
  static final Cid COMMUNITY = Cid.dagCbor(new byte[] {3});
  static final Cid IMAGE = Cid.raw(new byte[] {4});

  private SampleEntries() {}

  static EntryHeader first() {
    return EntryHeader.first(ALICE.did(), T);
  }

  static EntryHeader later() {
    return new EntryHeader(ALICE.did(), 7, Optional.of(OTHER_POST), T.plusSeconds(60));
  }

  static List<Entry> all() {
    EntryHeader h = later();
    return List.of(
        Post.of(first(), "hello, world"),
        Post.of(h, "Ünïcödé text with emoji 🚀 and #tags")
            .withLangs(List.of("en", "pt-BR"))
            .withTags(List.of("ipfs", "hello_world"))
            .withMentions(List.of(BOB.did()))
            .withReply(new Post.Reply(SOME_POST, OTHER_POST))
            .withCommunity(COMMUNITY)
            .withEmbeds(List.of(IMAGE))
            .withEdits(SOME_POST),
        new Profile(h, Optional.of("Alice"), Optional.of("I post things."), Optional.of(IMAGE)),
        new Profile(h, Optional.empty(), Optional.empty(), Optional.empty()),
        new Follow(h, BOB.did()),
        new Unfollow(h, BOB.did()),
        new Block(h, BOB.did()),
        new Reaction(h, Reaction.Kind.LIKE, SOME_POST),
        new Reaction(h, Reaction.Kind.REPOST, SOME_POST),
        new Tombstone(h, SOME_POST),
        new Community(
            h,
            "Rust in Lisbon",
            Optional.of("Meetups and help."),
            List.of("Be kind.", "No spam."),
            List.of(BOB.did()),
            Community.Admission.APPROVAL,
            Community.Governance.defaults(),
            Optional.of(COMMUNITY)),
        new Membership(h, COMMUNITY, Membership.Action.JOIN),
        new Proposal(h, COMMUNITY, "Add a rule", Optional.of("Because."), Optional.of(OTHER_POST)),
        new Vote(h, OTHER_POST, Vote.Choice.ABSTAIN),
        new Label(h, Subject.of(SOME_POST), "spam", Optional.of(COMMUNITY), true),
        new Label(h, Subject.of(BOB.did()), "approved", Optional.empty(), false),
        new Report(
            h,
            Subject.of(BOB.did()),
            Report.Reason.OFF_TOPIC,
            Optional.of("why"),
            Optional.of(COMMUNITY)));
  }
}
