package org.ipfeed.indexer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.ipfeed.schema.entry.Block;
import org.ipfeed.schema.entry.Community;
import org.ipfeed.schema.entry.Entry;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.Follow;
import org.ipfeed.schema.entry.Label;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.Reaction;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.entry.Subject;
import org.ipfeed.schema.entry.Tombstone;
import org.ipfeed.schema.entry.Unfollow;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.identity.KeyPair;
import org.ipfeed.schema.multiformats.Cid;

/**
 * One author's log for tests: a deterministic key from a number, and entries signed in log order
 * (seq, prev) with a clock that moves one minute per entry unless told otherwise.
 */
final class TestLog {

  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final KeyPair key;
  private EntryHeader last;
  private Cid lastCid;
  private Instant clock;

  TestLog(int number) {
    this(number, EPOCH);
  }

  TestLog(int number, Instant start) {
    this.key = KeyPair.fromSeed(seed(number));
    this.clock = start;
  }

  static byte[] seed(int number) {
    byte[] seed = new byte[32];
    for (int i = 0; i < 32; i++) {
      seed[i] = (byte) (number * 31 + i * 7 + (number >>> 8));
    }
    seed[0] = (byte) number;
    seed[1] = (byte) (number >>> 8);
    seed[2] = (byte) (number >>> 16);
    return seed;
  }

  Did did() {
    return key.did();
  }

  long seq() {
    return last == null ? 0 : last.seq();
  }

  Optional<Cid> head() {
    return Optional.ofNullable(lastCid);
  }

  Checkpoint checkpoint() {
    return new Checkpoint(did(), lastCid, last.seq());
  }

  /** The next entry, written at the current clock, which then moves one minute. */
  SignedEntry next(Function<EntryHeader, Entry> make) {
    SignedEntry e = nextAt(clock, make);
    clock = clock.plus(Duration.ofMinutes(1));
    return e;
  }

  SignedEntry nextAt(Instant at, Function<EntryHeader, Entry> make) {
    EntryHeader h =
        last == null ? EntryHeader.first(did(), at) : EntryHeader.after(last, lastCid, at);
    SignedEntry e = SignedEntry.sign(make.apply(h), key);
    last = h;
    lastCid = e.cid();
    return e;
  }

  SignedEntry post(String text) {
    return next(h -> Post.of(h, text));
  }

  SignedEntry postAt(Instant at, String text) {
    return nextAt(at, h -> Post.of(h, text));
  }

  SignedEntry post(String text, Function<Post, Post> shape) {
    return next(h -> shape.apply(Post.of(h, text)));
  }

  SignedEntry reply(String text, Cid root, Cid parent) {
    return next(h -> Post.of(h, text).withReply(new Post.Reply(root, parent)));
  }

  SignedEntry edit(Cid original, String text) {
    return next(h -> Post.of(h, text).withEdits(original));
  }

  SignedEntry tombstone(Cid subject) {
    return next(h -> new Tombstone(h, subject));
  }

  SignedEntry follow(Did subject) {
    return next(h -> new Follow(h, subject));
  }

  SignedEntry unfollow(Did subject) {
    return next(h -> new Unfollow(h, subject));
  }

  SignedEntry like(Cid subject) {
    return next(h -> new Reaction(h, Reaction.Kind.LIKE, subject));
  }

  SignedEntry repost(Cid subject) {
    return next(h -> new Reaction(h, Reaction.Kind.REPOST, subject));
  }

  SignedEntry block(Did subject) {
    return next(h -> new Block(h, subject));
  }

  SignedEntry label(Subject subject, String value, Optional<Cid> community, boolean negate) {
    return next(h -> new Label(h, subject, value, community, negate));
  }

  SignedEntry community(String name, List<Did> moderators) {
    return next(
        h ->
            new Community(
                h,
                name,
                Optional.empty(),
                List.of(),
                moderators,
                Community.Admission.OPEN,
                Community.Governance.defaults(),
                Optional.empty()));
  }

  SignedEntry amendCommunity(Cid community, String name, List<Did> moderators) {
    return next(
        h ->
            new Community(
                h,
                name,
                Optional.empty(),
                List.of(),
                moderators,
                Community.Admission.OPEN,
                Community.Governance.defaults(),
                Optional.of(community)));
  }
}
