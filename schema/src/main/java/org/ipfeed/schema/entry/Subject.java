package org.ipfeed.schema.entry;

import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/**
 * What a label or a report is about: one entry (a link) or a whole author (a did:key string). In
 * IPLD Schema terms a kinded union, so the kind of the value tells which.
 */
public sealed interface Subject {

  Ipld toIpld();

  static Subject of(Cid entry) {
    return new OfEntry(entry);
  }

  static Subject of(Did author) {
    return new OfAuthor(author);
  }

  record OfEntry(Cid cid) implements Subject {
    public OfEntry {
      Check.present("subject", cid);
    }

    @Override
    public Ipld toIpld() {
      return Ipld.of(cid);
    }
  }

  record OfAuthor(Did did) implements Subject {
    public OfAuthor {
      Check.present("subject", did);
    }

    @Override
    public Ipld toIpld() {
      return Ipld.of(did.toString());
    }
  }

  static Subject read(Fields f, String key) {
    Ipld v = f.required(key);
    if (v instanceof Ipld.Link l) {
      return new OfEntry(l.cid());
    }
    if (v instanceof Ipld.Str) {
      return new OfAuthor(f.did(key));
    }
    throw f.wrongKind(key, "a link or a did:key string", v);
  }
}
