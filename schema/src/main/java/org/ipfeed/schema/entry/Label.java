package org.ipfeed.schema.entry;

import java.util.Optional;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/**
 * A moderator's judgement on an entry or an author, such as {@code spam}, {@code nsfw}, {@code
 * hide} or {@code approved}. Within a {@code community} it counts when the author is one of that
 * community's moderators; without one it is the author's own judgement, which anyone may choose to
 * subscribe to. {@code negate} withdraws an earlier label with the same value.
 */
public record Label(
    EntryHeader header, Subject subject, String value, Optional<Cid> community, boolean negate)
    implements Entry {

  public Label {
    Check.present("label.header", header);
    Check.present("label.subject", subject);
    Check.label("label.value", value);
    Check.optional("label.community", community);
  }

  @Override
  public EntryType type() {
    return EntryType.LABEL;
  }

  @Override
  public void writeBody(Ipld.Map.Builder body) {
    body.put("subject", subject.toIpld());
    body.put("value", value);
    Write.optLink(body, "community", community);
    Write.flag(body, "negate", negate);
  }

  static Label readBody(EntryHeader header, Fields f) {
    return new Label(
        header,
        Subject.read(f, "subject"),
        f.string("value"),
        f.optLink("community"),
        f.flag("negate"));
  }
}
