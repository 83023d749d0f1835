package org.ipfeed.schema.entry;

import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.ipld.Ipld;

/**
 * The author blocks {@code subject}: neither sees the other's posts. Undone by a tombstone of this
 * entry.
 */
public record Block(EntryHeader header, Did subject) implements Entry {

  public Block {
    Check.present("block.header", header);
    Check.present("block.subject", subject);
  }

  @Override
  public EntryType type() {
    return EntryType.BLOCK;
  }

  @Override
  public void writeBody(Ipld.Map.Builder body) {
    body.put("subject", subject.toString());
  }

  static Block readBody(EntryHeader header, Fields f) {
    return new Block(header, f.did("subject"));
  }
}
