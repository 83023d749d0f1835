package org.ipfeed.schema.entry;

import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/**
 * A member's vote on a proposal. A later vote by the same author on the same proposal replaces the
 * earlier one, so anyone recounting takes each member's vote with the highest {@code seq}.
 */
public record Vote(EntryHeader header, Cid proposal, Choice choice) implements Entry {

  public enum Choice implements WireName {
    YES("yes"),
    NO("no"),
    ABSTAIN("abstain");

    private final String wireName;

    Choice(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String wireName() {
      return wireName;
    }
  }

  public Vote {
    Check.present("vote.header", header);
    Check.present("vote.proposal", proposal);
    Check.present("vote.choice", choice);
  }

  @Override
  public EntryType type() {
    return EntryType.VOTE;
  }

  @Override
  public void writeBody(Ipld.Map.Builder body) {
    body.put("proposal", proposal);
    body.put("choice", choice.wireName());
  }

  static Vote readBody(EntryHeader header, Fields f) {
    return new Vote(
        header,
        f.link("proposal"),
        WireName.parse(f.name("choice"), f.string("choice"), Choice.class));
  }
}
