package org.ipfeed.indexer;

import java.util.List;
import org.ipfeed.schema.entry.SignedEntry;

/**
 * One atomic write: verified entries (any order, any authors), local settings that are not entries,
 * and the checkpoints that hold once they are applied. Entries already applied are harmless:
 * applying is idempotent.
 *
 * @param entries verified entries; the indexer trusts that signatures and log continuity were
 *     checked
 * @param mutes a local user muting or unmuting an author (mutes are private, so not entries)
 * @param checkpoints per-author progress to store with this batch
 */
public record IndexBatch(
    List<SignedEntry> entries, List<Mute> mutes, List<Checkpoint> checkpoints) {

  public IndexBatch {
    entries = List.copyOf(entries);
    mutes = List.copyOf(mutes);
    checkpoints = List.copyOf(checkpoints);
  }

  public static IndexBatch of(List<SignedEntry> entries, List<Checkpoint> checkpoints) {
    return new IndexBatch(entries, List.of(), checkpoints);
  }
}
