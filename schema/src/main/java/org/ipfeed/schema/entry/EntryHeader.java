package org.ipfeed.schema.entry;

import java.time.Instant;
import java.util.Optional;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * The fields every entry has besides its type and signature: who wrote it, where it stands in the
 * author's log, and when.
 *
 * @param author the author's did:key
 * @param seq position in the author's log, from 1
 * @param prev the CID of the author's entry {@code seq - 1}; empty exactly when {@code seq} is 1
 * @param createdAt when the author says it was written, whole milliseconds
 */
public record EntryHeader(Did author, long seq, Optional<Cid> prev, Instant createdAt) {

  public EntryHeader {
    Check.present("author", author);
    Check.optional("prev", prev);
    Timestamps.require("createdAt", createdAt);
    if (seq < 1 || seq > Limits.MAX_SEQ) {
      throw new InvalidEntryException("out-of-range", "seq: " + seq + " is outside 1..2^53-1");
    }
    if ((seq == 1) != prev.isEmpty()) {
      throw new InvalidEntryException(
          "invalid-log",
          seq == 1 ? "prev: the first entry (seq 1) has no prev" : "prev: required when seq > 1");
    }
  }

  /** The header of an author's first entry. */
  public static EntryHeader first(Did author, Instant createdAt) {
    return new EntryHeader(author, 1, Optional.empty(), createdAt);
  }

  /** The header of the entry after {@code previous} (whose CID is {@code previousCid}). */
  public static EntryHeader after(EntryHeader previous, Cid previousCid, Instant createdAt) {
    return new EntryHeader(previous.author, previous.seq + 1, Optional.of(previousCid), createdAt);
  }
}
