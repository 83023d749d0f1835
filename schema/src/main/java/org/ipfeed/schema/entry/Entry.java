package org.ipfeed.schema.entry;

import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.ipld.Ipld;

/**
 * An entry before it is signed: a header and the fields of one type. Records validate in their
 * constructors, so an {@code Entry} that exists is a valid one.
 */
public sealed interface Entry
    permits Post,
        Profile,
        Follow,
        Unfollow,
        Reaction,
        Tombstone,
        Community,
        Membership,
        Proposal,
        Vote,
        Label,
        Report,
        Block {

  EntryHeader header();

  EntryType type();

  /** Writes this type's own fields (not the header) into {@code body}; used by EntryCodec. */
  void writeBody(Ipld.Map.Builder body);

  default Did author() {
    return header().author();
  }

  default long seq() {
    return header().seq();
  }
}
