package org.ipfeed.schema.entry;

import java.util.Optional;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/**
 * How an author presents themselves. The newest profile entry replaces every earlier one; a field
 * left out is cleared.
 *
 * @param name display name
 * @param bio a few words about the author
 * @param avatar CID of an image block
 */
public record Profile(
    EntryHeader header, Optional<String> name, Optional<String> bio, Optional<Cid> avatar)
    implements Entry {

  public Profile {
    Check.present("profile.header", header);
    Check.optionalText("profile.name", name, Limits.MAX_DISPLAY_NAME);
    Check.optionalText("profile.bio", bio, Limits.MAX_BIO);
    Check.optional("profile.avatar", avatar);
  }

  @Override
  public EntryType type() {
    return EntryType.PROFILE;
  }

  @Override
  public void writeBody(Ipld.Map.Builder body) {
    Write.optString(body, "name", name);
    Write.optString(body, "bio", bio);
    Write.optLink(body, "avatar", avatar);
  }

  static Profile readBody(EntryHeader header, Fields f) {
    return new Profile(header, f.optString("name"), f.optString("bio"), f.optLink("avatar"));
  }
}
