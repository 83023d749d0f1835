package org.ipfeed.schema.entry;

import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/**
 * Deletes an earlier entry of the same author: a post disappears from timelines, a block or a
 * reaction is undone. The deleted block may still exist somewhere; gateways stop serving it in
 * their indexes.
 */
public record Tombstone(EntryHeader header, Cid subject) implements Entry {

  public Tombstone {
    Check.present("tombstone.header", header);
    Check.present("tombstone.subject", subject);
  }

  @Override
  public EntryType type() {
    return EntryType.TOMBSTONE;
  }

  @Override
  public void writeBody(Ipld.Map.Builder body) {
    body.put("subject", subject);
  }

  static Tombstone readBody(EntryHeader header, Fields f) {
    return new Tombstone(header, f.link("subject"));
  }
}
