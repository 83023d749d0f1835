package org.ipfeed.indexer;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.ipfeed.schema.entry.Block;
import org.ipfeed.schema.entry.Community;
import org.ipfeed.schema.entry.Entry;
import org.ipfeed.schema.entry.Follow;
import org.ipfeed.schema.entry.Label;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.Reaction;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.entry.Tombstone;
import org.ipfeed.schema.entry.Unfollow;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * The rules of docs/index.md, applied on the writer thread: for each entry, what to write given
 * what the index already holds, so that any arrival order and any repetition give the same index.
 *
 * <p>Deciding needs to read what was written, including moments ago in the same batch, without a
 * refresh per entry. So the applier reads through three layers: an {@link IdFilter} that answers
 * "certainly absent" for most ids without touching Lucene; the latest documents written, kept in
 * memory; and a private near-real-time reader, reopened only when a lookup needs something written
 * since it opened that memory no longer holds (or after many writes, to bound the bookkeeping). Not
 * thread-safe: one writer thread owns it.
 */
final class IndexApplier implements Closeable {

  /** How many of the latest writes keep their document in memory. */
  static final int RECENT_DOCUMENTS = 5_000;

  /** Ids written since the private reader opened after which it is reopened (a segment flush). */
  static final int REOPEN_AFTER_IDS = 200_000;

  private final IndexWriter writer;
  private final IdFilter ids;
  private DirectoryReader reader;

  /** The latest documents written since {@link #reader} was opened; empty for a deleted one. */
  private final Map<String, Optional<Document>> recent =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Document>> eldest) {
          if (size() <= RECENT_DOCUMENTS) {
            return false;
          }
          older.add(eldest.getKey());
          return true;
        }
      };

  /**
   * Ids written since {@link #reader} was opened whose documents are no longer in {@link #recent}:
   * the reader is stale for exactly these, and is reopened when one is looked up. For any other id
   * the reader is still right, so a bulk load of new posts never waits for a reopen.
   */
  private final Set<String> older = new HashSet<>();

  /** Version CID to post id, for posts written since {@link #reader} was opened. */
  private final Map<String, String> versionsWritten = new HashMap<>();

  /** The newest checkpoint of each author, applied or committed. */
  private final Map<Did, Checkpoint> checkpoints;

  /** Checkpoints applied since the last {@link #writeCheckpoints}, to go into the next commit. */
  private final Map<Did, Checkpoint> unwritten = new HashMap<>();

  IndexApplier(IndexWriter writer, Map<Did, Checkpoint> committedCheckpoints) throws IOException {
    this.writer = writer;
    this.reader = DirectoryReader.open(writer);
    this.checkpoints = new HashMap<>(committedCheckpoints);
    this.ids = new IdFilter(Math.max(1_000_000L, 2L * reader.maxDoc()));
    for (LeafReaderContext ctx : reader.leaves()) {
      Terms terms = ctx.reader().terms(IndexFields.ID);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        ids.add(t.utf8ToString());
      }
    }
  }

  /**
   * Applies a batch; returns the number of operations (entries, mutes, checkpoints) it held.
   * Checkpoints that move an author back are ignored: the index still holds the later entries.
   *
   * @return the checkpoints that changed, to publish once the batch is in
   */
  List<Checkpoint> apply(IndexBatch batch) throws IOException {
    for (SignedEntry e : batch.entries()) {
      if (recent.size() + older.size() >= REOPEN_AFTER_IDS
          || versionsWritten.size() >= REOPEN_AFTER_IDS) {
        reopen();
      }
      apply(e);
    }
    for (Mute m : batch.mutes()) {
      String id = EntryDocuments.muteId(m.viewer(), m.author());
      if (m.muted()) {
        replace(id, EntryDocuments.mute(m.viewer(), m.author()));
      } else {
        delete(id);
      }
    }
    List<Checkpoint> changed = new ArrayList<>();
    for (Checkpoint c : batch.checkpoints()) {
      Checkpoint old = checkpoints.get(c.author());
      if (old == null || c.seq() >= old.seq()) {
        checkpoints.put(c.author(), c);
        unwritten.put(c.author(), c);
        changed.add(c);
      }
    }
    return changed;
  }

  /**
   * Writes the checkpoints applied since the last call; the caller commits right after, on the same
   * thread. Only a commit makes a checkpoint durable, so writing it then rather than with each
   * batch is just as atomic, and an author checkpointed by many batches between two commits costs
   * one document update instead of many.
   */
  void writeCheckpoints() throws IOException {
    for (Checkpoint c : unwritten.values()) {
      replace(EntryDocuments.checkpointId(c.author()), EntryDocuments.checkpoint(c));
    }
    unwritten.clear();
  }

  void apply(SignedEntry signed) throws IOException {
    Entry e = signed.entry();
    Cid cid = signed.cid();
    if (e instanceof Post p) {
      if (p.edits().isPresent()) {
        applyEdit(signed, p);
      } else {
        applyPost(cid, p);
      }
    } else if (e instanceof Tombstone t) {
      applyTombstone(t);
    } else if (e instanceof Reaction r) {
      if (!deleted(r.author(), cid)) {
        replace(cid.toString(), EntryDocuments.reaction(cid, r));
      }
    } else if (e instanceof Block b) {
      if (!deleted(b.author(), cid)) {
        replace(cid.toString(), EntryDocuments.block(cid, b));
      }
    } else if (e instanceof Label l) {
      if (!deleted(l.author(), cid)) {
        replace(cid.toString(), EntryDocuments.label(cid, l));
      }
    } else if (e instanceof Follow f) {
      applyFollow(f.author(), f.subject(), f.seq(), cid, EntryDocuments.follow(cid, f));
    } else if (e instanceof Unfollow u) {
      applyFollow(u.author(), u.subject(), u.seq(), cid, EntryDocuments.follow(cid, u));
    } else if (e instanceof Community c) {
      replace(cid.toString(), EntryDocuments.community(cid, c));
    }
    // Profiles, memberships, proposals, votes and reports answer no read of this index yet.
  }

  private void applyPost(Cid cid, Post post) throws IOException {
    String id = cid.toString();
    Did author = post.author();
    if (find(id).isPresent() || deleted(author, cid)) {
      // Already here (perhaps edited since, which the original must not undo), or deleted.
      return;
    }
    PostState state = PostState.original(cid, post);
    String pendingId = EntryDocuments.pendingEditId(cid, author);
    Optional<Document> pending = find(pendingId);
    if (pending.isPresent()) {
      EntryDocuments.PendingEdit edit = EntryDocuments.pendingEdit(pending.get());
      // Other authors' edits of this post can never apply; they go with the author's own.
      writer.deleteDocuments(new Term(IndexFields.EDIT_OF, id));
      forget(pendingId);
      for (Cid v : edit.versions()) {
        if (deleted(author, v)) {
          add(EntryDocuments.tombstoneId(author, cid), EntryDocuments.tombstone(author, cid));
          return;
        }
      }
      SignedEntry newest = SignedEntry.decode(edit.newestBlock());
      state = state.withVersion(newest.cid(), (Post) newest.entry());
      for (Cid v : edit.versions()) {
        if (!state.versions().contains(v)) {
          state = withVersionOnly(state, v);
        }
      }
    }
    add(id, EntryDocuments.post(state));
    noteVersions(state);
  }

  private void applyEdit(SignedEntry signed, Post edit) throws IOException {
    Cid editCid = signed.cid();
    Cid original = edit.edits().orElseThrow();
    Did author = edit.author();
    Optional<Document> doc = find(original.toString());
    if (doc.isPresent()) {
      if (!EntryDocuments.kind(doc.get()).equals(IndexFields.KIND_POST)) {
        return;
      }
      PostState state = PostState.fromDocument(doc.get());
      if (!state.author().equals(author) || state.versions().contains(editCid)) {
        return;
      }
      if (deleted(author, editCid)) {
        deletePost(state);
        return;
      }
      PostState edited = state.withVersion(editCid, edit);
      replace(edited.id().toString(), EntryDocuments.post(edited));
      noteVersions(edited);
      return;
    }
    if (deleted(author, original)) {
      return;
    }
    // The original has not arrived: remember the newest edit and every version's CID, so the
    // original shows the right text and honours a tombstone of any version when it comes.
    String pendingId = EntryDocuments.pendingEditId(original, author);
    Optional<Document> pending = find(pendingId);
    byte[] newest = signed.block();
    List<Cid> versions = new ArrayList<>(List.of(editCid));
    if (pending.isPresent()) {
      EntryDocuments.PendingEdit waiting = EntryDocuments.pendingEdit(pending.get());
      if (waiting.versions().contains(editCid)) {
        return;
      }
      SignedEntry current = SignedEntry.decode(waiting.newestBlock());
      if (!PostState.isNewer(edit.seq(), editCid, current.entry().seq(), current.cid())) {
        newest = waiting.newestBlock();
      }
      versions.addAll(waiting.versions());
    }
    replace(pendingId, EntryDocuments.pendingEdit(original, author, newest, versions));
  }

  private void applyTombstone(Tombstone t) throws IOException {
    Did author = t.author();
    Cid subject = t.subject();
    String tombId = EntryDocuments.tombstoneId(author, subject);
    if (find(tombId).isPresent()) {
      return;
    }
    add(tombId, EntryDocuments.tombstone(author, subject));
    Optional<Document> doc = find(subject.toString());
    if (doc.isPresent()) {
      String kind = EntryDocuments.kind(doc.get());
      boolean deletable =
          kind.equals(IndexFields.KIND_POST)
              || kind.equals(IndexFields.KIND_REACTION)
              || kind.equals(IndexFields.KIND_BLOCK)
              || kind.equals(IndexFields.KIND_LABEL);
      if (deletable && EntryDocuments.entryAuthor(doc.get()).orElseThrow().equals(author)) {
        delete(subject.toString());
      }
      return;
    }
    Optional<PostState> edited = postByVersion(subject);
    if (edited.isPresent() && edited.get().author().equals(author)) {
      deletePost(edited.get());
    }
  }

  private void applyFollow(Did follower, Did followee, long seq, Cid cid, Document doc)
      throws IOException {
    String id = EntryDocuments.followId(follower, followee);
    Optional<Document> current = find(id);
    if (current.isPresent()) {
      EntryDocuments.FollowDecision d = EntryDocuments.followDecision(current.get());
      if (!PostState.isNewer(seq, cid, d.seq(), d.entry())) {
        return;
      }
    }
    replace(id, doc);
  }

  /** Deletes a post for good: the document goes, and a tombstone of the original stays. */
  private void deletePost(PostState state) throws IOException {
    delete(state.id().toString());
    replace(
        EntryDocuments.tombstoneId(state.author(), state.id()),
        EntryDocuments.tombstone(state.author(), state.id()));
  }

  private static PostState withVersionOnly(PostState s, Cid version) {
    List<Cid> all = new ArrayList<>(s.versions());
    all.add(version);
    return new PostState(
        s.id(),
        s.author(),
        s.createdAt(),
        s.cid(),
        s.seq(),
        s.text(),
        s.langs(),
        s.tags(),
        s.mentions(),
        s.replyRoot(),
        s.replyParent(),
        s.community(),
        s.embeds(),
        all);
  }

  private boolean deleted(Did author, Cid subject) throws IOException {
    return find(EntryDocuments.tombstoneId(author, subject)).isPresent();
  }

  // ---- reading what was written: filter, overlay, private reader ----

  Optional<Document> find(String id) throws IOException {
    if (!ids.mightContain(id)) {
      return Optional.empty();
    }
    Optional<Document> latest = recent.get(id);
    if (latest != null) {
      return latest;
    }
    if (older.contains(id)) {
      reopen();
    }
    return readFirst(IndexFields.ID, id);
  }

  private Optional<PostState> postByVersion(Cid version) throws IOException {
    String postId = versionsWritten.get(version.toString());
    if (postId == null) {
      Optional<Document> onDisk = readFirst(IndexFields.VERSION, version.toString());
      if (onDisk.isEmpty()) {
        return Optional.empty();
      }
      postId = EntryDocuments.stored(onDisk.get(), IndexFields.ID);
    }
    // Through find, so a newer write of the post (or its deletion) wins over the reader.
    Optional<Document> doc = find(postId);
    if (doc.isEmpty() || !EntryDocuments.kind(doc.get()).equals(IndexFields.KIND_POST)) {
      return Optional.empty();
    }
    PostState state = PostState.fromDocument(doc.get());
    return state.versions().contains(version) ? Optional.of(state) : Optional.empty();
  }

  private Optional<Document> readFirst(String field, String value) throws IOException {
    BytesRef term = new BytesRef(value);
    List<LeafReaderContext> leaves = reader.leaves();
    // Newest segments last: a recently written id is most likely there.
    for (int i = leaves.size() - 1; i >= 0; i--) {
      LeafReader leaf = leaves.get(i).reader();
      Terms terms = leaf.terms(field);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      if (!te.seekExact(term)) {
        continue;
      }
      PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
      Bits live = leaf.getLiveDocs();
      for (int doc = postings.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = postings.nextDoc()) {
        if (live == null || live.get(doc)) {
          return Optional.of(leaf.storedFields().document(doc));
        }
      }
    }
    return Optional.empty();
  }

  // ---- writing ----

  /** Adds a document whose id {@link #find} just said is absent: no delete term to apply. */
  private void add(String id, Document doc) throws IOException {
    writer.addDocument(doc);
    remember(id, doc);
  }

  private void replace(String id, Document doc) throws IOException {
    writer.updateDocument(new Term(IndexFields.ID, id), doc);
    remember(id, doc);
  }

  private void delete(String id) throws IOException {
    writer.deleteDocuments(new Term(IndexFields.ID, id));
    forget(id);
  }

  private void remember(String id, Document doc) {
    ids.add(id);
    older.remove(id);
    recent.put(id, Optional.of(doc));
  }

  private void forget(String id) {
    older.remove(id);
    recent.put(id, Optional.empty());
  }

  private void noteVersions(PostState state) {
    String id = state.id().toString();
    for (Cid v : state.versions()) {
      versionsWritten.put(v.toString(), id);
    }
  }

  /** Reopens the private reader over everything written so far, and drops the overlay. */
  void reopen() throws IOException {
    DirectoryReader newer = DirectoryReader.openIfChanged(reader, writer);
    if (newer != null) {
      reader.close();
      reader = newer;
    }
    recent.clear();
    older.clear();
    versionsWritten.clear();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
