package org.ipfeed.schema.entry;

import java.util.Optional;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/**
 * A question put to a community's members, answered by {@link Vote}s. When it carries a {@code
 * charter}, passing it adopts that charter block as the community's new version.
 *
 * @param community the charter CID of the community
 * @param title the question, in a line
 * @param text the argument for it
 * @param charter the CID of a proposed new charter (a {@link Community} entry that amends this one)
 */
public record Proposal(
    EntryHeader header, Cid community, String title, Optional<String> text, Optional<Cid> charter)
    implements Entry {

  public Proposal {
    Check.present("proposal.header", header);
    Check.present("proposal.community", community);
    Check.text("proposal.title", title, Limits.MAX_PROPOSAL_TITLE);
    Check.optionalText("proposal.text", text, Limits.MAX_PROPOSAL_TEXT);
    Check.optional("proposal.charter", charter);
  }

  @Override
  public EntryType type() {
    return EntryType.PROPOSAL;
  }

  @Override
  public void writeBody(Ipld.Map.Builder body) {
    body.put("community", community);
    body.put("title", title);
    Write.optString(body, "text", text);
    Write.optLink(body, "charter", charter);
  }

  static Proposal readBody(EntryHeader header, Fields f) {
    return new Proposal(
        header, f.link("community"), f.string("title"), f.optString("text"), f.optLink("charter"));
  }
}
