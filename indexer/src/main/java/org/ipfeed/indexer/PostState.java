package org.ipfeed.indexer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * What the index holds for one post: the original's identity and place (author, time, thread,
 * community) with the content of the newest version seen, and every version's CID. The writer reads
 * it back from the stored fields to merge a later edit, so it round-trips through {@link
 * EntryDocuments#post} and {@link #fromDocument} exactly.
 *
 * @param versions every version's CID, the original's included, sorted by text so that the same set
 *     of entries gives the same document whatever their order
 */
record PostState(
    Cid id,
    Did author,
    Instant createdAt,
    Cid cid,
    long seq,
    String text,
    List<String> langs,
    List<String> tags,
    List<Did> mentions,
    Optional<Cid> replyRoot,
    Optional<Cid> replyParent,
    Optional<Cid> community,
    List<Cid> embeds,
    List<Cid> versions) {

  PostState {
    Objects.requireNonNull(id, "id");
    langs = List.copyOf(langs);
    tags = List.copyOf(tags);
    mentions = List.copyOf(mentions);
    embeds = List.copyOf(embeds);
    versions = sortedUnique(versions);
  }

  /** The state of an original post (one without {@code edits}) as it arrives. */
  static PostState original(Cid cid, Post post) {
    if (post.edits().isPresent()) {
      throw new IllegalArgumentException(cid + " is an edit, not an original");
    }
    return new PostState(
        cid,
        post.author(),
        post.header().createdAt(),
        cid,
        post.seq(),
        post.text(),
        post.langs(),
        post.tags(),
        post.mentions(),
        post.reply().map(Post.Reply::root),
        post.reply().map(Post.Reply::parent),
        post.community(),
        post.embeds(),
        List.of(cid));
  }

  /**
   * This post with one more version: its CID joins the versions, and its content replaces the shown
   * one when it is newer ({@link #isNewer}). Thread, community and time stay the original's: an
   * edit changes what a post says, not where it is.
   */
  PostState withVersion(Cid editCid, Post edit) {
    List<Cid> all = new ArrayList<>(versions);
    all.add(editCid);
    if (!isNewer(edit.seq(), editCid, seq, cid)) {
      return new PostState(
          id,
          author,
          createdAt,
          cid,
          seq,
          text,
          langs,
          tags,
          mentions,
          replyRoot,
          replyParent,
          community,
          embeds,
          all);
    }
    return new PostState(
        id,
        author,
        createdAt,
        editCid,
        edit.seq(),
        edit.text(),
        edit.langs(),
        edit.tags(),
        edit.mentions(),
        replyRoot,
        replyParent,
        community,
        edit.embeds(),
        all);
  }

  /** Whether the text shown is an edit's. */
  boolean edited() {
    return !cid.equals(id);
  }

  /**
   * The order of versions: higher {@code seq} wins; on equal {@code seq} (a forked log) the greater
   * CID text wins, so every gateway picks the same version whatever the arrival order.
   */
  static boolean isNewer(long seq, Cid cid, long thanSeq, Cid thanCid) {
    if (seq != thanSeq) {
      return seq > thanSeq;
    }
    return cid.toString().compareTo(thanCid.toString()) > 0;
  }

  static PostState fromDocument(org.apache.lucene.document.Document doc) {
    return EntryDocuments.postState(doc);
  }

  private static List<Cid> sortedUnique(List<Cid> cids) {
    TreeSet<String> texts = new TreeSet<>();
    List<Cid> out = new ArrayList<>();
    for (Cid c : cids) {
      if (texts.add(c.toString())) {
        out.add(c);
      }
    }
    out.sort((a, b) -> a.toString().compareTo(b.toString()));
    return List.copyOf(out);
  }
}
