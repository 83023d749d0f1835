package org.ipfeed.schema.entry;

import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.ipld.Ipld;

/** The author starts following {@code subject}: their posts join the author's home timeline. */
public record Follow(EntryHeader header, Did subject) implements Entry {

  public Follow {
    Check.present("follow.header", header);
    Check.present("follow.subject", subject);
  }

  @Override
  public EntryType type() {
    return EntryType.FOLLOW;
  }

  @Override
  public void writeBody(Ipld.Map.Builder body) {
    body.put("subject", subject.toString());
  }

  static Follow readBody(EntryHeader header, Fields f) {
    return new Follow(header, f.did("subject"));
  }
}
