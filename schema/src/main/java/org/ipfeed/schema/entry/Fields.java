package org.ipfeed.schema.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/**
 * A strict reader over the fields of one IPLD map: each getter checks the kind, optional fields
 * must be omitted rather than written empty, and {@link #requireNoOthers} refuses any field nobody
 * asked for. Messages name the field as {@code type.field}.
 */
final class Fields {

  private final String owner;
  private final Ipld.Map map;
  private final Set<String> read;

  Fields(String owner, Ipld.Map map) {
    this(owner, map, new HashSet<>());
  }

  private Fields(String owner, Ipld.Map map, Set<String> read) {
    this.owner = owner;
    this.map = map;
    this.read = read;
  }

  /**
   * The same map read on behalf of another owner, such as {@code post} after the header; fields
   * either reads count as read for both.
   */
  Fields as(String newOwner) {
    return new Fields(newOwner, map, read);
  }

  String name(String key) {
    return owner + "." + key;
  }

  Optional<Ipld> optional(String key) {
    read.add(key);
    return Optional.ofNullable(map.get(key));
  }

  Ipld required(String key) {
    return optional(key)
        .orElseThrow(() -> new InvalidEntryException("missing-field", name(key) + ": required"));
  }

  String string(String key) {
    return asString(key, required(key));
  }

  Optional<String> optString(String key) {
    Optional<String> s = optional(key).map(v -> asString(key, v));
    if (s.isPresent() && s.get().isEmpty()) {
      throw nonCanonical(key, "an empty optional string is written by leaving the field out");
    }
    return s;
  }

  long integer(String key) {
    Ipld v = required(key);
    if (v instanceof Ipld.Int i) {
      return i.value();
    }
    throw wrongKind(key, "an integer", v);
  }

  int smallInt(String key) {
    long v = integer(key);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new InvalidEntryException("out-of-range", name(key) + ": " + v + " is out of range");
    }
    return (int) v;
  }

  Cid link(String key) {
    return asLink(key, required(key));
  }

  Optional<Cid> optLink(String key) {
    return optional(key).map(v -> asLink(key, v));
  }

  Did did(String key) {
    return asDid(key, required(key));
  }

  Instant timestamp(String key) {
    return Timestamps.parse(name(key), string(key));
  }

  byte[] bytes(String key) {
    Ipld v = required(key);
    if (v instanceof Ipld.Bytes b) {
      return b.value();
    }
    throw wrongKind(key, "bytes", v);
  }

  /** A flag that is written only when true. */
  boolean flag(String key) {
    Optional<Ipld> v = optional(key);
    if (v.isEmpty()) {
      return false;
    }
    if (v.get() instanceof Ipld.Bool b) {
      if (!b.value()) {
        throw nonCanonical(key, "a false flag is written by leaving the field out");
      }
      return true;
    }
    throw wrongKind(key, "a boolean", v.get());
  }

  Optional<Ipld.Map> optMap(String key) {
    return optional(key)
        .map(
            v -> {
              if (v instanceof Ipld.Map m) {
                return m;
              }
              throw wrongKind(key, "a map", v);
            });
  }

  List<String> strings(String key) {
    return list(key, v -> asString(key, v));
  }

  List<Cid> links(String key) {
    return list(key, v -> asLink(key, v));
  }

  List<Did> dids(String key) {
    return list(key, v -> asDid(key, v));
  }

  /** An optional list: absent means empty, and an empty list must be absent. */
  private <T> List<T> list(String key, Function<Ipld, T> item) {
    Optional<Ipld> v = optional(key);
    if (v.isEmpty()) {
      return List.of();
    }
    if (!(v.get() instanceof Ipld.List l)) {
      throw wrongKind(key, "a list", v.get());
    }
    if (l.size() == 0) {
      throw nonCanonical(key, "an empty list is written by leaving the field out");
    }
    List<T> out = new ArrayList<>(l.size());
    for (Ipld i : l.values()) {
      out.add(item.apply(i));
    }
    return out;
  }

  /** Refuses any field no getter asked for: unknown fields would not survive re-encoding. */
  void requireNoOthers() {
    Set<String> unknown = new TreeSet<>(map.entries().keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      throw new InvalidEntryException(
          "unknown-field", owner + ": unknown field" + (unknown.size() > 1 ? "s " : " ") + unknown);
    }
  }

  private String asString(String key, Ipld v) {
    if (v instanceof Ipld.Str s) {
      return s.value();
    }
    throw wrongKind(key, "a string", v);
  }

  private Cid asLink(String key, Ipld v) {
    if (v instanceof Ipld.Link l) {
      return l.cid();
    }
    throw wrongKind(key, "a link", v);
  }

  private Did asDid(String key, Ipld v) {
    String s = asString(key, v);
    try {
      return Did.parse(s);
    } catch (BadInputException e) {
      throw new InvalidEntryException("invalid-did", name(key) + ": " + e.getMessage(), e);
    }
  }

  InvalidEntryException wrongKind(String key, String expected, Ipld actual) {
    return new InvalidEntryException(
        "wrong-kind",
        name(key) + ": must be " + expected + ", not " + actual.kind().name().toLowerCase());
  }

  private InvalidEntryException nonCanonical(String key, String why) {
    return new InvalidEntryException("non-canonical-entry", name(key) + ": " + why);
  }
}
