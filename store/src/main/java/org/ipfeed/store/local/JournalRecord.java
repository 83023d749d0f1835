package org.ipfeed.store.local;

import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;

/** One change the journal makes durable; see {@link JournalCodec} for the bytes. */
sealed interface JournalRecord
    permits JournalRecord.Put, JournalRecord.Pin, JournalRecord.Unpin, JournalRecord.Delete {

  /** A block stored, pinned in the same step when {@code pinned}. */
  record Put(Block block, boolean pinned) implements JournalRecord {}

  record Pin(Cid cid) implements JournalRecord {}

  record Unpin(Cid cid) implements JournalRecord {}

  /** A block removed by {@code delete}; garbage collection writes no records. */
  record Delete(Cid cid) implements JournalRecord {}
}
