package org.ipfeed.schema.entry;

import org.ipfeed.schema.ipld.Ipld;

/**
 * Entries to IPLD maps and back. The header fields come first in the code, the type's own fields
 * from the record; the map sorts them into DAG-CBOR order either way.
 */
public final class EntryCodec {

  private EntryCodec() {}

  /** The map that is signed: every field but {@code sig}. */
  public static Ipld.Map toIpld(Entry entry) {
    return unsignedBuilder(entry).build();
  }

  /** The map that is stored: every field and {@code sig}. */
  public static Ipld.Map toIpld(Entry entry, byte[] signature) {
    requireSignatureLength(signature.length);
    return unsignedBuilder(entry).put("sig", Ipld.bytes(signature)).build();
  }

  private static Ipld.Map.Builder unsignedBuilder(Entry entry) {
    EntryHeader h = entry.header();
    Ipld.Map.Builder b =
        Ipld.map()
            .put("type", entry.type().wireName())
            .put("author", h.author().toString())
            .put("seq", h.seq())
            .put("createdAt", Timestamps.format(h.createdAt()));
    h.prev().ifPresent(prev -> b.put("prev", prev));
    entry.writeBody(b);
    return b;
  }

  /**
   * Reads an unsigned entry map, strictly: every field known, of the right kind, within limits.
   *
   * @throws InvalidEntryException naming the field and the rule
   */
  public static Entry fromIpld(Ipld.Map map) {
    Fields f = new Fields("entry", map);
    Entry entry = readEntry(f);
    f.requireNoOthers();
    return entry;
  }

  /** An entry read from a stored map with its signature. */
  record Signed(Entry entry, byte[] signature) {}

  static Signed fromSignedIpld(Ipld.Map map) {
    Fields f = new Fields("entry", map);
    Entry entry = readEntry(f);
    byte[] signature = f.bytes("sig");
    requireSignatureLength(signature.length);
    f.requireNoOthers();
    return new Signed(entry, signature);
  }

  private static Entry readEntry(Fields f) {
    String typeName = f.string("type");
    EntryType type =
        EntryType.fromWireName(typeName)
            .orElseThrow(
                () ->
                    new InvalidEntryException(
                        "unknown-type",
                        "entry.type: '" + typeName + "' is not a known entry type"));
    EntryHeader header =
        new EntryHeader(
            f.did("author"), f.integer("seq"), f.optLink("prev"), f.timestamp("createdAt"));
    Fields body = f.as(type.wireName());
    return readBody(type, header, body);
  }

  private static Entry readBody(EntryType type, EntryHeader header, Fields f) {
    switch (type) {
      case POST:
        return Post.readBody(header, f);
      case PROFILE:
        return Profile.readBody(header, f);
      case FOLLOW:
        return Follow.readBody(header, f);
      case UNFOLLOW:
        return Unfollow.readBody(header, f);
      case REACTION:
        return Reaction.readBody(header, f);
      case TOMBSTONE:
        return Tombstone.readBody(header, f);
      case COMMUNITY:
        return Community.readBody(header, f);
      case MEMBERSHIP:
        return Membership.readBody(header, f);
      case PROPOSAL:
        return Proposal.readBody(header, f);
      case VOTE:
        return Vote.readBody(header, f);
      case LABEL:
        return Label.readBody(header, f);
      case REPORT:
        return Report.readBody(header, f);
      case BLOCK:
        return Block.readBody(header, f);
      default:
        throw new IllegalStateException("unhandled entry type " + type);
    }
  }

  private static void requireSignatureLength(int length) {
    if (length != Limits.SIGNATURE_BYTES) {
      throw new InvalidEntryException(
          "invalid-signature",
          "entry.sig: must be " + Limits.SIGNATURE_BYTES + " bytes, got " + length);
    }
  }
}
