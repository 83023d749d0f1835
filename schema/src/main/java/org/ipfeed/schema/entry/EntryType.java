package org.ipfeed.schema.entry;

import java.util.Optional;

/** The kinds of entry, with the name each has in the {@code type} field. */
public enum EntryType {
  POST("post"),
  PROFILE("profile"),
  FOLLOW("follow"),
  UNFOLLOW("unfollow"),
  REACTION("reaction"),
  TOMBSTONE("tombstone"),
  COMMUNITY("community"),
  MEMBERSHIP("membership"),
  PROPOSAL("proposal"),
  VOTE("vote"),
  LABEL("label"),
  REPORT("report"),
  BLOCK("block");

  private final String wireName;

  EntryType(String wireName) {
    this.wireName = wireName;
  }

  /** The value of the {@code type} field. */
  public String wireName() {
    return wireName;
  }

  public static Optional<EntryType> fromWireName(String name) {
    for (EntryType t : values()) {
      if (t.wireName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
