package org.ipfeed.indexer;

import static org.ipfeed.indexer.IndexFields.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;
import org.ipfeed.schema.entry.Block;
import org.ipfeed.schema.entry.Community;
import org.ipfeed.schema.entry.Follow;
import org.ipfeed.schema.entry.Label;
import org.ipfeed.schema.entry.Reaction;
import org.ipfeed.schema.entry.Subject;
import org.ipfeed.schema.entry.Unfollow;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * Entries (and the post states merged from them) to Lucene documents, and back where the writer
 * needs to read what it wrote. Pure functions: the same input gives the same document, and nothing
 * here looks at the index. Which document an entry turns into, given what the index already holds,
 * is the writer's business ({@code IndexApplier}); the field layout is {@link IndexFields}.
 */
final class EntryDocuments {

  private EntryDocuments() {}

  // ---- ids: the term of updateDocument for every kind ----

  static String tombstoneId(Did author, Cid subject) {
    return "tomb:" + author + "|" + subject;
  }

  static String pendingEditId(Cid original, Did author) {
    return "edit:" + original + "|" + author;
  }

  static String followId(Did follower, Did followee) {
    return "follow:" + follower + "|" + followee;
  }

  static String muteId(Did viewer, Did author) {
    return "mute:" + viewer + "|" + author;
  }

  static String checkpointId(Did author) {
    return "checkpoint:" + author;
  }

  // ---- posts ----

  static Document post(PostState p) {
    Document d = new Document();
    String id = p.id().toString();
    kindAndId(d, KIND_POST, id);
    d.add(new NumericDocValuesField(ID_HIGH, IdOrder.high(p.id())));
    d.add(new NumericDocValuesField(ID_LOW, IdOrder.low(p.id())));
    // An original (most posts) would repeat its id as its cid and its one version: a stored
    // string and a unique term per post for nothing. Both are only written when they differ.
    if (p.edited()) {
      d.add(new StoredField(CID, p.cid().toString()));
    }
    d.add(new StoredField(SEQ, p.seq()));
    for (Cid v : p.versions()) {
      if (!v.equals(p.id())) {
        d.add(new StringField(VERSION, v.toString(), Field.Store.YES));
      }
    }
    d.add(new StringField(AUTHOR, p.author().toString(), Field.Store.YES));
    d.add(new SortedDocValuesField(AUTHOR, new BytesRef(p.author().toString())));
    d.add(new LongField(CREATED_AT, p.createdAt().toEpochMilli(), Field.Store.YES));
    d.add(new TextField(TEXT, p.text(), Field.Store.YES));
    for (String tag : p.tags()) {
      d.add(new StringField(TAG, tag, Field.Store.YES));
    }
    for (String lang : p.langs()) {
      d.add(new StoredField(LANG, lang));
      for (String term : langTerms(lang)) {
        d.add(new StringField(LANG, term, Field.Store.NO));
      }
    }
    for (Did m : p.mentions()) {
      d.add(new StringField(MENTION, m.toString(), Field.Store.YES));
    }
    p.replyRoot().ifPresent(r -> d.add(new StringField(REPLY_ROOT, r.toString(), Field.Store.YES)));
    p.replyParent()
        .ifPresent(
            r -> {
              d.add(new StringField(REPLY_PARENT, r.toString(), Field.Store.YES));
              d.add(new SortedDocValuesField(REPLY_PARENT, new BytesRef(r.toString())));
            });
    p.community().ifPresent(c -> d.add(new StringField(COMMUNITY, c.toString(), Field.Store.YES)));
    for (Cid e : p.embeds()) {
      d.add(new StringField(EMBED, e.toString(), Field.Store.YES));
    }
    return d;
  }

  /**
   * The terms a language tag is found by: the whole tag and its primary subtag, lower case ({@code
   * pt-BR} gives {@code pt-br} and {@code pt}).
   */
  static List<String> langTerms(String lang) {
    String lower = lang.toLowerCase(Locale.ROOT);
    int dash = lower.indexOf('-');
    return dash < 0 ? List.of(lower) : List.of(lower, lower.substring(0, dash));
  }

  static PostState postState(Document d) {
    requireKind(d, KIND_POST);
    Cid id = Cid.parse(stored(d, ID));
    List<Cid> versions = new ArrayList<>();
    versions.add(id);
    for (String v : storedAll(d, VERSION)) {
      versions.add(Cid.parse(v));
    }
    List<Did> mentions = new ArrayList<>();
    for (String m : storedAll(d, MENTION)) {
      mentions.add(Did.parse(m));
    }
    List<Cid> embeds = new ArrayList<>();
    for (String e : storedAll(d, EMBED)) {
      embeds.add(Cid.parse(e));
    }
    String shown = stored(d, CID);
    return new PostState(
        id,
        Did.parse(stored(d, AUTHOR)),
        Instant.ofEpochMilli(longValue(d, CREATED_AT)),
        shown == null ? id : Cid.parse(shown),
        longValue(d, SEQ),
        stored(d, TEXT),
        storedAll(d, LANG),
        storedAll(d, TAG),
        mentions,
        optionalCid(d, REPLY_ROOT),
        optionalCid(d, REPLY_PARENT),
        optionalCid(d, COMMUNITY),
        embeds,
        versions);
  }

  /**
   * The CID of the version a post document shows: stored only for an edited post, otherwise its id.
   */
  static String shownCid(Document d) {
    String cid = stored(d, CID);
    return cid == null ? stored(d, ID) : cid;
  }

  // ---- edits waiting for their original ----

  /**
   * An edit (the newest seen) of {@code original} by {@code author}, waiting for the original. Kept
   * as the block, since it becomes a post only when the original says where the post is.
   */
  static Document pendingEdit(Cid original, Did author, byte[] newestBlock, List<Cid> versions) {
    Document d = new Document();
    kindAndId(d, KIND_EDIT, pendingEditId(original, author));
    d.add(new StringField(EDIT_OF, original.toString(), Field.Store.YES));
    d.add(new StoredField(EDIT_BLOCK, newestBlock));
    for (String v : versions.stream().map(Cid::toString).sorted().distinct().toList()) {
      d.add(new StoredField(EDIT_VERSIONS, v));
    }
    return d;
  }

  /** What a pending-edit document holds. */
  record PendingEdit(byte[] newestBlock, List<Cid> versions) {}

  static PendingEdit pendingEdit(Document d) {
    requireKind(d, KIND_EDIT);
    BytesRef block = d.getBinaryValue(EDIT_BLOCK);
    List<Cid> versions = new ArrayList<>();
    for (String v : storedAll(d, EDIT_VERSIONS)) {
      versions.add(Cid.parse(v));
    }
    return new PendingEdit(BytesRef.deepCopyOf(block).bytes, versions);
  }

  // ---- tombstones ----

  /**
   * A record that {@code author} deleted {@code subject}: written for a tombstone entry, and for a
   * post deleted through one of its edits, so that nothing about it is indexed again.
   */
  static Document tombstone(Did author, Cid subject) {
    Document d = new Document();
    kindAndId(d, KIND_TOMBSTONE, tombstoneId(author, subject));
    d.add(new StoredField(TOMBSTONE_SUBJECT, subject.toString()));
    return d;
  }

  // ---- reactions, follows, blocks, mutes ----

  static Document reaction(Cid cid, Reaction r) {
    Document d = new Document();
    kindAndId(d, KIND_REACTION, cid.toString());
    String subject = r.subject().toString();
    d.add(new StringField(REACTION_SUBJECT, subject, Field.Store.YES));
    d.add(new SortedDocValuesField(REACTION_SUBJECT, new BytesRef(subject)));
    String kind = r.kind().wireName();
    d.add(new StringField(REACTION_KIND, kind, Field.Store.YES));
    d.add(new SortedDocValuesField(REACTION_KIND, new BytesRef(kind)));
    String reactor = r.author().toString();
    d.add(new StoredField(REACTOR, reactor));
    d.add(new SortedDocValuesField(REACTOR, new BytesRef(reactor)));
    return d;
  }

  static Document follow(Cid cid, Follow f) {
    return followState(f.author(), f.subject(), true, f.seq(), cid);
  }

  static Document follow(Cid cid, Unfollow u) {
    return followState(u.author(), u.subject(), false, u.seq(), cid);
  }

  private static Document followState(
      Did follower, Did followee, boolean following, long seq, Cid entry) {
    Document d = new Document();
    kindAndId(d, KIND_FOLLOW, followId(follower, followee));
    d.add(new StringField(FOLLOWER, follower.toString(), Field.Store.YES));
    d.add(new StringField(FOLLOWEE, followee.toString(), Field.Store.YES));
    d.add(new SortedDocValuesField(FOLLOWEE, new BytesRef(followee.toString())));
    d.add(
        new StringField(
            FOLLOW_STATE,
            following ? FOLLOW_STATE_FOLLOWING : FOLLOW_STATE_UNFOLLOWED,
            Field.Store.YES));
    d.add(new StoredField(FOLLOW_SEQ, seq));
    d.add(new StoredField(FOLLOW_ENTRY, entry.toString()));
    return d;
  }

  /** The deciding entry of a follow document: its seq and CID. */
  record FollowDecision(long seq, Cid entry) {}

  static FollowDecision followDecision(Document d) {
    requireKind(d, KIND_FOLLOW);
    return new FollowDecision(longValue(d, FOLLOW_SEQ), Cid.parse(stored(d, FOLLOW_ENTRY)));
  }

  static Document block(Cid cid, Block b) {
    Document d = new Document();
    kindAndId(d, KIND_BLOCK, cid.toString());
    String blocker = b.author().toString();
    String blocked = b.subject().toString();
    d.add(new StringField(BLOCKER, blocker, Field.Store.YES));
    d.add(new SortedDocValuesField(BLOCKER, new BytesRef(blocker)));
    d.add(new StringField(BLOCKED, blocked, Field.Store.YES));
    d.add(new SortedDocValuesField(BLOCKED, new BytesRef(blocked)));
    return d;
  }

  static Document mute(Did viewer, Did author) {
    Document d = new Document();
    kindAndId(d, KIND_MUTE, muteId(viewer, author));
    d.add(new StringField(MUTER, viewer.toString(), Field.Store.YES));
    d.add(new StoredField(MUTED, author.toString()));
    d.add(new SortedDocValuesField(MUTED, new BytesRef(author.toString())));
    return d;
  }

  // ---- moderation ----

  static Document label(Cid cid, Label l) {
    Document d = new Document();
    kindAndId(d, KIND_LABEL, cid.toString());
    d.add(new StoredField(LABELER, l.author().toString()));
    d.add(new StoredField(LABEL_SUBJECT, subjectText(l.subject())));
    d.add(new StoredField(LABEL_VALUE, l.value()));
    l.community().ifPresent(c -> d.add(new StoredField(LABEL_COMMUNITY, c.toString())));
    d.add(new StoredField(LABEL_NEGATE, l.negate() ? 1 : 0));
    d.add(new StoredField(LABEL_SEQ, l.seq()));
    return d;
  }

  /** A subject as stored: a DID's text (starts with {@code did:}) or a CID's. */
  static String subjectText(Subject s) {
    if (s instanceof Subject.OfAuthor a) {
      return a.did().toString();
    }
    return ((Subject.OfEntry) s).cid().toString();
  }

  static Document community(Cid cid, Community c) {
    Document d = new Document();
    kindAndId(d, KIND_COMMUNITY, cid.toString());
    d.add(new StoredField(CHARTER_OF, c.amends().orElse(cid).toString()));
    d.add(new StoredField(CHARTER_AUTHOR, c.author().toString()));
    d.add(new StoredField(CHARTER_SEQ, c.seq()));
    for (Did m : c.moderators()) {
      d.add(new StoredField(MODERATOR, m.toString()));
    }
    return d;
  }

  // ---- checkpoints ----

  static Document checkpoint(Checkpoint c) {
    Document d = new Document();
    kindAndId(d, KIND_CHECKPOINT, checkpointId(c.author()));
    d.add(new StoredField(CHECKPOINT_AUTHOR, c.author().toString()));
    d.add(new StoredField(CHECKPOINT_HEAD, c.head().toString()));
    d.add(new StoredField(CHECKPOINT_SEQ, c.seq()));
    return d;
  }

  static Checkpoint checkpoint(Document d) {
    requireKind(d, KIND_CHECKPOINT);
    return new Checkpoint(
        Did.parse(stored(d, CHECKPOINT_AUTHOR)),
        Cid.parse(stored(d, CHECKPOINT_HEAD)),
        longValue(d, CHECKPOINT_SEQ));
  }

  // ---- reading stored fields, from the index or from a document just built ----

  static String kind(Document d) {
    String kind = stored(d, KIND);
    if (kind == null) {
      throw new IllegalStateException("document without a kind: " + stored(d, ID));
    }
    return kind;
  }

  /**
   * The first stored string of {@code field}. Unlike {@link Document#get}, skips values that are
   * only indexed, so a document just built reads the same as one loaded from the index.
   */
  static String stored(Document d, String field) {
    for (IndexableField f : d.getFields(field)) {
      if (f.fieldType().stored() && f.stringValue() != null && f.numericValue() == null) {
        return f.stringValue();
      }
    }
    return null;
  }

  /** Every stored string of {@code field}, in the order added; see {@link #stored}. */
  static List<String> storedAll(Document d, String field) {
    List<String> out = new ArrayList<>();
    for (IndexableField f : d.getFields(field)) {
      if (f.fieldType().stored() && f.stringValue() != null && f.numericValue() == null) {
        out.add(f.stringValue());
      }
    }
    return out;
  }

  /** The author of the entry an entry-keyed document (reaction, block, label, post) came from. */
  static Optional<Did> entryAuthor(Document d) {
    String kind = kind(d);
    String author;
    switch (kind) {
      case KIND_POST:
        author = stored(d, AUTHOR);
        break;
      case KIND_REACTION:
        author = stored(d, REACTOR);
        break;
      case KIND_BLOCK:
        author = stored(d, BLOCKER);
        break;
      case KIND_LABEL:
        author = stored(d, LABELER);
        break;
      case KIND_COMMUNITY:
        author = stored(d, CHARTER_AUTHOR);
        break;
      default:
        return Optional.empty();
    }
    return Optional.of(Did.parse(author));
  }

  static long longValue(Document d, String field) {
    IndexableField f = d.getField(field);
    if (f == null || f.numericValue() == null) {
      throw new IllegalStateException("document " + stored(d, ID) + " has no number in " + field);
    }
    return f.numericValue().longValue();
  }

  private static Optional<Cid> optionalCid(Document d, String field) {
    String v = stored(d, field);
    return v == null ? Optional.empty() : Optional.of(Cid.parse(v));
  }

  private static void kindAndId(Document d, String kind, String id) {
    d.add(new StringField(KIND, kind, Field.Store.YES));
    d.add(new StringField(ID, id, Field.Store.YES));
  }

  private static void requireKind(Document d, String kind) {
    String actual = kind(d);
    if (!actual.equals(kind)) {
      throw new IllegalStateException(
          "document " + stored(d, ID) + " is a " + actual + ", not a " + kind);
    }
  }
}
