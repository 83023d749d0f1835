package org.ipfeed.schema.entry;

import java.util.List;
import java.util.Optional;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/**
 * A post: text with optional languages, hashtags, mentions, a place in a thread, a community,
 * embedded blocks, and, for an edit, the post it replaces.
 *
 * @param text what the post says; may be empty only when something is embedded
 * @param langs BCP 47 tags of the languages the text is in
 * @param tags hashtags, lower case, without {@code #}
 * @param mentions authors the post addresses
 * @param reply where the post stands in a thread
 * @param community the charter CID of the community the post is in
 * @param embeds CIDs of embedded blocks (images, quoted posts)
 * @param edits the CID of the original post this one replaces; every edit of a post names the
 *     original, and the edit with the highest {@code seq} is the current text
 */
public record Post(
    EntryHeader header,
    String text,
    List<String> langs,
    List<String> tags,
    List<Did> mentions,
    Optional<Reply> reply,
    Optional<Cid> community,
    List<Cid> embeds,
    Optional<Cid> edits)
    implements Entry {

  /** A reply's place in a thread: the thread's first post and the post answered. */
  public record Reply(Cid root, Cid parent) {
    public Reply {
      Check.present("post.reply.root", root);
      Check.present("post.reply.parent", parent);
    }
  }

  public Post {
    Check.present("post.header", header);
    Check.present("post.text", text);
    embeds = Check.list("post.embeds", embeds, Limits.MAX_EMBEDS);
    if (text.isEmpty() && embeds.isEmpty()) {
      throw new InvalidEntryException("empty-field", "post.text: must not be empty");
    }
    if (!text.isEmpty()) {
      Check.text("post.text", text, Limits.MAX_POST_TEXT);
    }
    langs = Check.langs("post.langs", langs);
    tags = Check.tags("post.tags", tags);
    mentions = Check.list("post.mentions", mentions, Limits.MAX_MENTIONS);
    Check.optional("post.reply", reply);
    Check.optional("post.community", community);
    Check.optional("post.edits", edits);
  }

  /** A plain post with text only. */
  public static Post of(EntryHeader header, String text) {
    return new Post(
        header,
        text,
        List.of(),
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty());
  }

  public Post withLangs(List<String> value) {
    return new Post(header, text, value, tags, mentions, reply, community, embeds, edits);
  }

  public Post withTags(List<String> value) {
    return new Post(header, text, langs, value, mentions, reply, community, embeds, edits);
  }

  public Post withMentions(List<Did> value) {
    return new Post(header, text, langs, tags, value, reply, community, embeds, edits);
  }

  public Post withReply(Reply value) {
    return new Post(
        header, text, langs, tags, mentions, Optional.of(value), community, embeds, edits);
  }

  public Post withCommunity(Cid value) {
    return new Post(header, text, langs, tags, mentions, reply, Optional.of(value), embeds, edits);
  }

  public Post withEmbeds(List<Cid> value) {
    return new Post(header, text, langs, tags, mentions, reply, community, value, edits);
  }

  public Post withEdits(Cid value) {
    return new Post(
        header, text, langs, tags, mentions, reply, community, embeds, Optional.of(value));
  }

  @Override
  public EntryType type() {
    return EntryType.POST;
  }

  @Override
  public void writeBody(Ipld.Map.Builder body) {
    // Text is always written, even empty beside embeds, so every post has it.
    body.put("text", text);
    Write.strings(body, "langs", langs);
    Write.strings(body, "tags", tags);
    Write.dids(body, "mentions", mentions);
    reply.ifPresent(
        r -> body.put("reply", Ipld.map().put("root", r.root()).put("parent", r.parent()).build()));
    Write.optLink(body, "community", community);
    Write.links(body, "embeds", embeds);
    Write.optLink(body, "edits", edits);
  }

  static Post readBody(EntryHeader header, Fields f) {
    Optional<Reply> reply =
        f.optMap("reply")
            .map(
                m -> {
                  Fields r = new Fields("post.reply", m);
                  Reply value = new Reply(r.link("root"), r.link("parent"));
                  r.requireNoOthers();
                  return value;
                });
    return new Post(
        header,
        f.string("text"),
        f.strings("langs"),
        f.strings("tags"),
        f.dids("mentions"),
        reply,
        f.optLink("community"),
        f.links("embeds"),
        f.optLink("edits"));
  }
}
