package org.ipfeed.schema.entry;

import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/** A like or a repost of a post. Undone by a tombstone of this entry. */
public record Reaction(EntryHeader header, Kind kind, Cid subject) implements Entry {

  /** What the reaction is. */
  public enum Kind implements WireName {
    LIKE("like"),
    REPOST("repost");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String wireName() {
      return wireName;
    }
  }

  public Reaction {
    Check.present("reaction.header", header);
    Check.present("reaction.kind", kind);
    Check.present("reaction.subject", subject);
  }

  @Override
  public EntryType type() {
    return EntryType.REACTION;
  }

  @Override
  public void writeBody(Ipld.Map.Builder body) {
    body.put("kind", kind.wireName());
    body.put("subject", subject);
  }

  static Reaction readBody(EntryHeader header, Fields f) {
    return new Reaction(
        header, WireName.parse(f.name("kind"), f.string("kind"), Kind.class), f.link("subject"));
  }
}
