package org.ipfeed.schema.entry;

import java.util.Optional;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/**
 * A member asks moderators to look at an entry or an author. Reports are signed like everything
 * else, so a moderator can weigh who reports what.
 */
public record Report(
    EntryHeader header,
    Subject subject,
    Reason reason,
    Optional<String> text,
    Optional<Cid> community)
    implements Entry {

  public enum Reason implements WireName {
    SPAM("spam"),
    ABUSE("abuse"),
    ILLEGAL("illegal"),
    IMPERSONATION("impersonation"),
    OFF_TOPIC("off-topic"),
    OTHER("other");

    private final String wireName;

    Reason(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String wireName() {
      return wireName;
    }
  }

  public Report {
    Check.present("report.header", header);
    Check.present("report.subject", subject);
    Check.present("report.reason", reason);
    Check.optionalText("report.text", text, Limits.MAX_REPORT_TEXT);
    Check.optional("report.community", community);
  }

  @Override
  public EntryType type() {
    return EntryType.REPORT;
  }

  @Override
  public void writeBody(Ipld.Map.Builder body) {
    body.put("subject", subject.toIpld());
    body.put("reason", reason.wireName());
    Write.optString(body, "text", text);
    Write.optLink(body, "community", community);
  }

  static Report readBody(EntryHeader header, Fields f) {
    return new Report(
        header,
        Subject.read(f, "subject"),
        WireName.parse(f.name("reason"), f.string("reason"), Reason.class),
        f.optString("text"),
        f.optLink("community"));
  }
}
