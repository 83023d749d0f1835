package org.ipfeed.schema.entry;

import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/** The author joins or leaves a community; the newest membership entry for it counts. */
public record Membership(EntryHeader header, Cid community, Action action) implements Entry {

  public enum Action implements WireName {
    JOIN("join"),
    LEAVE("leave");

    private final String wireName;

    Action(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String wireName() {
      return wireName;
    }
  }

  public Membership {
    Check.present("membership.header", header);
    Check.present("membership.community", community);
    Check.present("membership.action", action);
  }

  @Override
  public EntryType type() {
    return EntryType.MEMBERSHIP;
  }

  @Override
  public void writeBody(Ipld.Map.Builder body) {
    body.put("community", community);
    body.put("action", action.wireName());
  }

  static Membership readBody(EntryHeader header, Fields f) {
    return new Membership(
        header,
        f.link("community"),
        WireName.parse(f.name("action"), f.string("action"), Action.class));
  }
}
