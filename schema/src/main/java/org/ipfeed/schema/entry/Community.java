package org.ipfeed.schema.entry;

import java.util.List;
import java.util.Optional;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/**
 * A community charter. The CID of the first charter names the community for good; later versions
 * name it in {@code amends}. The author of the first charter is its founder and may amend it alone;
 * after that, amendments also come from proposals that pass under {@code governance}.
 *
 * @param name what the community is called
 * @param description what it is about
 * @param rules the rules members agree to, in order
 * @param moderators who may label posts and members on the community's behalf
 * @param admission whether anyone may join or moderators approve members
 * @param governance how proposals pass
 * @param amends the CID of the first charter, when this is a later version
 */
public record Community(
    EntryHeader header,
    String name,
    Optional<String> description,
    List<String> rules,
    List<Did> moderators,
    Admission admission,
    Governance governance,
    Optional<Cid> amends)
    implements Entry {

  /** Who may become a member. */
  public enum Admission implements WireName {
    /** Anyone who publishes a membership entry is a member. */
    OPEN("open"),
    /** A membership counts once a moderator labels it {@code approved}. */
    APPROVAL("approval");

    private final String wireName;

    Admission(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String wireName() {
      return wireName;
    }
  }

  /**
   * How a proposal passes: at least {@code quorumPercent} of members vote within {@code
   * votingHours} of the proposal, and more than {@code approvalPercent} of the yes and no votes are
   * yes. Whole percentages, because floats have no single encoding.
   */
  public record Governance(int quorumPercent, int approvalPercent, int votingHours) {
    public Governance {
      Check.range("community.governance.quorumPercent", quorumPercent, 1, 100);
      Check.range("community.governance.approvalPercent", approvalPercent, 50, 99);
      Check.range(
          "community.governance.votingHours", votingHours, 1, Limits.MAX_VOTING_PERIOD_HOURS);
    }

    /** A fifth of members, a simple majority, one week. */
    public static Governance defaults() {
      return new Governance(20, 50, 24 * 7);
    }
  }

  public Community {
    Check.present("community.header", header);
    Check.text("community.name", name, Limits.MAX_COMMUNITY_NAME);
    Check.optionalText("community.description", description, Limits.MAX_DESCRIPTION);
    rules = Check.list("community.rules", rules, Limits.MAX_RULES);
    rules.forEach(r -> Check.text("community.rules", r, Limits.MAX_RULE));
    moderators = Check.list("community.moderators", moderators, Limits.MAX_MODERATORS);
    Check.present("community.admission", admission);
    Check.present("community.governance", governance);
    Check.optional("community.amends", amends);
  }

  @Override
  public EntryType type() {
    return EntryType.COMMUNITY;
  }

  @Override
  public void writeBody(Ipld.Map.Builder body) {
    body.put("name", name);
    Write.optString(body, "description", description);
    Write.strings(body, "rules", rules);
    Write.dids(body, "moderators", moderators);
    body.put("admission", admission.wireName());
    body.put(
        "governance",
        Ipld.map()
            .put("quorumPercent", governance.quorumPercent())
            .put("approvalPercent", governance.approvalPercent())
            .put("votingHours", governance.votingHours())
            .build());
    Write.optLink(body, "amends", amends);
  }

  static Community readBody(EntryHeader header, Fields f) {
    Fields g =
        new Fields(
            "community.governance",
            f.optMap("governance")
                .orElseThrow(
                    () ->
                        new InvalidEntryException(
                            "missing-field", "community.governance: required")));
    Governance governance =
        new Governance(
            g.smallInt("quorumPercent"), g.smallInt("approvalPercent"), g.smallInt("votingHours"));
    g.requireNoOthers();
    return new Community(
        header,
        f.string("name"),
        f.optString("description"),
        f.strings("rules"),
        f.dids("moderators"),
        WireName.parse(f.name("admission"), f.string("admission"), Admission.class),
        governance,
        f.optLink("amends"));
  }
}
