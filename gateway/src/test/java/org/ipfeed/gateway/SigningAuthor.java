package org.ipfeed.gateway;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.ipfeed.schema.entry.Entry;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.KeyPair;
import org.ipfeed.schema.multiformats.Cid;

/** One author's log, signed here as a client would, not tied to any gateway. */
final class SigningAuthor {

  final KeyPair key;
  private EntryHeader last;
  private Cid lastCid;
  private Instant clock = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);

  SigningAuthor(int seed) {
    byte[] s = new byte[32];
    s[0] = (byte) seed;
    s[1] = 42;
    key = KeyPair.fromSeed(s);
  }

  /** The next entry of the log. */
  SignedEntry next(Function<EntryHeader, Entry> make) {
    clock = clock.plusSeconds(1);
    EntryHeader h =
        last == null
            ? EntryHeader.first(key.did(), clock)
            : EntryHeader.after(last, lastCid, clock);
    SignedEntry e = SignedEntry.sign(make.apply(h), key);
    last = h;
    lastCid = e.cid();
    return e;
  }

  SignedEntry post(String text) {
    return next(h -> Post.of(h, text));
  }

  /**
   * A second log by the same key that shares this one's entries so far and then goes its own way:
   * what a forking author (or a stolen key) produces.
   */
  SigningAuthor fork() {
    return new SigningAuthor(this);
  }

  private SigningAuthor(SigningAuthor original) {
    this.key = original.key;
    this.last = original.last;
    this.lastCid = original.lastCid;
    this.clock = original.clock.plusMillis(500);
  }
}
