package org.ipfeed.schema.entry;

import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.ipld.Ipld;

/** The author stops following {@code subject}. */
public record Unfollow(EntryHeader header, Did subject) implements Entry {

  public Unfollow {
    Check.present("unfollow.header", header);
    Check.present("unfollow.subject", subject);
  }

  @Override
  public EntryType type() {
    return EntryType.UNFOLLOW;
  }

  @Override
  public void writeBody(Ipld.Map.Builder body) {
    body.put("subject", subject.toString());
  }

  static Unfollow readBody(EntryHeader header, Fields f) {
    return new Unfollow(header, f.did("subject"));
  }
}
