package org.ipfeed.indexer;

import static org.ipfeed.indexer.IndexFields.*;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;
import org.ipfeed.indexer.query.QueryTranslator;
import org.ipfeed.indexer.query.SnippetHighlighter;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * Every read of the index, on one point-in-time searcher. Lists sort on doc values and page with
 * {@code searchAfter}; every list ends its sort on the unique id so cursors are total. What a
 * viewer must not see (blocks either way, mutes, moderation) is subtracted in the query, never
 * filtered after, so pages are always full.
 */
final class FeedReads {

  /** Newest first, then by id ({@link IdOrder}): the order of every list, and the index sort. */
  static final Sort NEWEST = new Sort(createdAt(true), idHigh(true), idLow(true));

  /** Best match first; ties newest first, then by id. */
  static final Sort RELEVANCE =
      new Sort(SortField.FIELD_SCORE, createdAt(true), idHigh(true), idLow(true));

  /** Oldest first, then by id: siblings in a thread. */
  static final Sort OLDEST = new Sort(createdAt(false), idHigh(false), idLow(false));

  /**
   * Documents without a time (everything but posts) sort as the oldest, so in the index sort they
   * sit after every post of a segment and never between two.
   */
  private static SortField createdAt(boolean newestFirst) {
    SortField f = LongField.newSortField(CREATED_AT, newestFirst, SortedNumericSelector.Type.MAX);
    f.setMissingValue(Long.MIN_VALUE);
    return f;
  }

  private static SortField idHigh(boolean descending) {
    return new SortField(ID_HIGH, SortField.Type.LONG, descending);
  }

  private static SortField idLow(boolean descending) {
    return new SortField(ID_LOW, SortField.Type.LONG, descending);
  }

  /**
   * The most replies a thread shows, oldest first. A larger thread loses its newest replies; a
   * paged thread read would lift this.
   */
  static final int MAX_THREAD_REPLIES = 1_000;

  private static final Query POSTS = new TermQuery(new Term(KIND, KIND_POST));

  /**
   * Identities already parsed. Parsing a did:key validates a curve point (tens of microseconds),
   * and every page shows dozens of authors from a set of thousands; bounded by clearing.
   */
  private final Map<String, Did> dids = new ConcurrentHashMap<>();

  private static final int MAX_CACHED_DIDS = 100_000;

  /** DIDs as numbers, shared by every searcher of the index. */
  private final AuthorOrdinals ordinals = new AuthorOrdinals();

  private final QueryTranslator translator;
  private final SnippetHighlighter highlighter;

  /**
   * @param analyzer the analyzer the index's text was written with
   */
  FeedReads(Analyzer analyzer) {
    this.translator = new QueryTranslator(analyzer);
    this.highlighter = new SnippetHighlighter(analyzer);
  }

  private static final Set<String> VIEW_FIELDS =
      Set.of(
          ID, CID, SEQ, AUTHOR, CREATED_AT, TEXT, TAG, LANG, REPLY_ROOT, REPLY_PARENT, COMMUNITY);

  // ---- lists ----

  Page<PostView> homeTimeline(FeedSearcher s, Did viewer, PageRequest page) throws IOException {
    BitSet authors = followeeIds(s, viewer);
    int self = ordinals.idOf(viewer.toString());
    if (self >= 0) {
      authors.set(self);
    }
    for (String excluded : excluded(s, viewer, true)) {
      int id = ordinals.idOf(excluded);
      if (id >= 0) {
        authors.clear(id);
      }
    }
    if (authors.isEmpty()) {
      // Nothing to page through, but a malformed cursor is still the caller's mistake to hear of.
      page.cursor().ifPresent(Cursor::decodeNewest);
      return new Page<>(List.of(), Optional.empty());
    }
    return posts(s, new AuthorSetQuery(ordinals, authors, page.limit() + 1), Set.of(), page);
  }

  Page<PostView> authorFeed(FeedSearcher s, Did author, Optional<Did> viewer, PageRequest page)
      throws IOException {
    // Asking for an author's own feed overrides a mute, not a block.
    Set<String> excluded = viewer.isPresent() ? excluded(s, viewer.get(), false) : Set.of();
    if (excluded.contains(author.toString())) {
      return new Page<>(List.of(), Optional.empty());
    }
    return posts(s, new TermQuery(new Term(AUTHOR, author.toString())), Set.of(), page);
  }

  Page<PostView> byField(
      FeedSearcher s, String field, String value, Optional<Did> viewer, PageRequest page)
      throws IOException {
    Set<String> excluded = viewer.isPresent() ? excluded(s, viewer.get(), true) : Set.of();
    return posts(s, new TermQuery(new Term(field, value)), excluded, page);
  }

  private Page<PostView> posts(
      FeedSearcher s, Query base, Set<String> excludedAuthors, PageRequest page)
      throws IOException {
    FieldDoc after = page.cursor().map(Cursor::decodeNewest).orElse(null);
    Query q = visible(s, olderThan(base, after), excludedAuthors);
    TopFieldDocs top = top(s, q, NEWEST, page.limit(), after);
    int shown = Math.min(page.limit(), top.scoreDocs.length);
    List<Document> docs = new ArrayList<>(shown);
    StoredFields stored = s.storedFields();
    for (int i = 0; i < shown; i++) {
      docs.add(stored.document(top.scoreDocs[i].doc, VIEW_FIELDS));
    }
    List<PostView> views = views(s, docs);
    Optional<String> next = Optional.empty();
    if (top.scoreDocs.length > page.limit()) {
      FieldDoc last = (FieldDoc) top.scoreDocs[shown - 1];
      next = Optional.of(Cursor.newest(last.fields));
    }
    return new Page<>(views, next);
  }

  // ---- search ----

  Page<SearchHit> search(FeedSearcher s, SearchRequest request) throws IOException {
    Query user = translator.translate(request.query(), request.zone());
    Set<String> excluded =
        request.viewer().isPresent() ? excluded(s, request.viewer().get(), true) : Set.of();
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(user, Occur.MUST);
    b.add(POSTS, Occur.FILTER);
    if (s.hidden() != null) {
      b.add(s.hidden(), Occur.MUST_NOT);
    }
    if (!excluded.isEmpty()) {
      b.add(termSet(AUTHOR, excluded), Occur.MUST_NOT);
    }
    Query q = b.build();
    boolean relevance = request.order() == SearchRequest.Order.RELEVANCE;
    PageRequest page = request.page();
    FieldDoc after =
        page.cursor()
            .map(c -> relevance ? Cursor.decodeRelevance(c) : Cursor.decodeNewest(c))
            .orElse(null);
    if (!relevance) {
      q = olderThan(q, after);
    }
    TopFieldDocs top = top(s, q, relevance ? RELEVANCE : NEWEST, page.limit(), after);
    int shown = Math.min(page.limit(), top.scoreDocs.length);
    List<Document> docs = new ArrayList<>(shown);
    StoredFields stored = s.storedFields();
    for (int i = 0; i < shown; i++) {
      docs.add(stored.document(top.scoreDocs[i].doc, VIEW_FIELDS));
    }
    List<PostView> views = views(s, docs);
    List<SearchHit> hits = new ArrayList<>(shown);
    for (int i = 0; i < shown; i++) {
      FieldDoc fd = (FieldDoc) top.scoreDocs[i];
      float score = relevance ? (Float) fd.fields[0] : 0f;
      hits.add(new SearchHit(views.get(i), score, highlighter.snippet(user, views.get(i).text())));
    }
    Optional<String> next = Optional.empty();
    if (top.scoreDocs.length > page.limit()) {
      FieldDoc last = (FieldDoc) top.scoreDocs[shown - 1];
      next = Optional.of(relevance ? Cursor.relevance(last.fields) : Cursor.newest(last.fields));
    }
    return new Page<>(hits, next);
  }

  // ---- single posts and threads ----

  Optional<PostView> post(FeedSearcher s, Cid cid) throws IOException {
    Optional<Document> doc = first(s, visible(s, byVersion(cid), Set.of()));
    return doc.map(d -> viewsUnchecked(s, List.of(d)).get(0));
  }

  Optional<ThreadView> thread(FeedSearcher s, Cid cid, Optional<Did> viewer) throws IOException {
    Optional<Document> target = first(s, byVersion(cid));
    if (target.isEmpty()) {
      return Optional.empty();
    }
    String targetId = EntryDocuments.stored(target.get(), ID);
    String rootId =
        Optional.ofNullable(EntryDocuments.stored(target.get(), REPLY_ROOT)).orElse(targetId);
    Set<String> excluded = viewer.isPresent() ? excluded(s, viewer.get(), true) : Set.of();
    Query rootQuery =
        new BooleanQuery.Builder()
            .add(POSTS, Occur.FILTER)
            .add(new TermQuery(new Term(ID, rootId)), Occur.FILTER)
            .build();
    Optional<Document> root = first(s, visible(s, rootQuery, excluded));
    if (root.isEmpty()) {
      return Optional.empty();
    }
    Query repliesQuery = visible(s, new TermQuery(new Term(REPLY_ROOT, rootId)), excluded);
    TopFieldDocs top =
        s.search(
            repliesQuery,
            new TopFieldCollectorManager(OLDEST, MAX_THREAD_REPLIES, null, MAX_THREAD_REPLIES));
    List<Document> docs = new ArrayList<>();
    docs.add(root.get());
    StoredFields stored = s.storedFields();
    for (ScoreDoc sd : top.scoreDocs) {
      docs.add(stored.document(sd.doc, VIEW_FIELDS));
    }
    List<PostView> views = views(s, docs);
    PostView rootView = views.get(0);
    List<PostView> replies = views.subList(1, views.size());
    Set<String> shownIds = new HashSet<>();
    for (PostView r : replies) {
      shownIds.add(r.id().toString());
    }
    Map<String, List<PostView>> children = new LinkedHashMap<>();
    for (PostView r : replies) {
      String parent = r.replyParent().map(Cid::toString).orElse(rootId);
      if (!shownIds.contains(parent)) {
        // Its parent is deleted, hidden, not here yet, or in another thread: keep the reply
        // visible under the root rather than lose the conversation.
        parent = rootId;
      }
      children.computeIfAbsent(parent, p -> new ArrayList<>()).add(r);
    }
    List<ThreadView.Reply> ordered = new ArrayList<>(replies.size());
    walk(rootId, 1, children, ordered);
    return Optional.of(new ThreadView(rootView, ordered));
  }

  private static void walk(
      String parent, int depth, Map<String, List<PostView>> children, List<ThreadView.Reply> out) {
    for (PostView child : children.getOrDefault(parent, List.of())) {
      out.add(new ThreadView.Reply(child, depth));
      walk(child.id().toString(), depth + 1, children, out);
    }
  }

  // ---- the social graph ----

  Set<Did> following(IndexSearcher s, Did viewer) throws IOException {
    Set<Did> out = new HashSet<>();
    for (String d : followees(s, viewer)) {
      out.add(did(d));
    }
    return out;
  }

  /** The DIDs {@code viewer} follows, as text. */
  private Set<String> followees(IndexSearcher s, Did viewer) throws IOException {
    Set<String> out = new HashSet<>();
    forEach(
        s,
        followsOf(viewer),
        ctx -> {
          SortedDocValues followee = ctx.reader().getSortedDocValues(FOLLOWEE);
          return doc -> {
            if (followee != null && followee.advanceExact(doc)) {
              out.add(followee.lookupOrd(followee.ordValue()).utf8ToString());
            }
          };
        });
    return out;
  }

  /**
   * The DIDs {@code viewer} follows, numbered by {@link #ordinals}: no string is decoded. Every
   * segment's author numbers are known after this, so a DID without a number has no posts.
   */
  private BitSet followeeIds(IndexSearcher s, Did viewer) throws IOException {
    for (LeafReaderContext ctx : s.getIndexReader().leaves()) {
      ordinals.segment(ctx.reader(), AUTHOR);
    }
    BitSet out = new BitSet();
    forEach(
        s,
        followsOf(viewer),
        ctx -> {
          SortedDocValues followee = ctx.reader().getSortedDocValues(FOLLOWEE);
          AuthorOrdinals.Segment seg = ordinals.segment(ctx.reader(), FOLLOWEE);
          return doc -> {
            if (followee != null && followee.advanceExact(doc)) {
              out.set(seg.ordToId()[followee.ordValue()]);
            }
          };
        });
    return out;
  }

  private static Query followsOf(Did viewer) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(FOLLOWER, viewer.toString())), Occur.FILTER)
        .add(new TermQuery(new Term(FOLLOW_STATE, FOLLOW_STATE_FOLLOWING)), Occur.FILTER)
        .build();
  }

  /**
   * Authors whose posts {@code viewer} does not see: those the viewer blocks, those who block the
   * viewer, and, when {@code withMutes}, those the viewer mutes.
   */
  Set<String> excluded(IndexSearcher s, Did viewer, boolean withMutes) throws IOException {
    String v = viewer.toString();
    Set<String> out = new HashSet<>();
    Query blocks =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(BLOCKER, v)), Occur.SHOULD)
            .add(new TermQuery(new Term(BLOCKED, v)), Occur.SHOULD)
            .build();
    forEach(
        s,
        blocks,
        ctx -> {
          SortedDocValues blocker = ctx.reader().getSortedDocValues(BLOCKER);
          SortedDocValues blocked = ctx.reader().getSortedDocValues(BLOCKED);
          return doc -> {
            blocker.advanceExact(doc);
            blocked.advanceExact(doc);
            String by = blocker.lookupOrd(blocker.ordValue()).utf8ToString();
            out.add(by.equals(v) ? blocked.lookupOrd(blocked.ordValue()).utf8ToString() : by);
          };
        });
    if (withMutes) {
      forEach(
          s,
          new TermQuery(new Term(MUTER, v)),
          ctx -> {
            SortedDocValues muted = ctx.reader().getSortedDocValues(MUTED);
            return doc -> {
              muted.advanceExact(doc);
              out.add(muted.lookupOrd(muted.ordValue()).utf8ToString());
            };
          });
    }
    return out;
  }

  Map<Did, Checkpoint> checkpoints(IndexSearcher s) throws IOException {
    Map<Did, Checkpoint> out = new HashMap<>();
    for (Document d : all(s, new TermQuery(new Term(KIND, KIND_CHECKPOINT)))) {
      Checkpoint c = EntryDocuments.checkpoint(d);
      out.put(c.author(), c);
    }
    return out;
  }

  // ---- building views ----

  private List<PostView> viewsUnchecked(FeedSearcher s, List<Document> docs) {
    try {
      return views(s, docs);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Views of post documents, with like, repost and reply counts, in the order given. */
  private List<PostView> views(FeedSearcher s, List<Document> docs) throws IOException {
    List<String> ids = new ArrayList<>(docs.size());
    for (Document d : docs) {
      ids.add(EntryDocuments.stored(d, ID));
    }
    Map<String, long[]> counts = counts(s, ids);
    List<PostView> out = new ArrayList<>(docs.size());
    for (Document d : docs) {
      String id = EntryDocuments.stored(d, ID);
      String cid = EntryDocuments.shownCid(d);
      long[] c = counts.getOrDefault(id, new long[3]);
      out.add(
          new PostView(
              Cid.parse(id),
              Cid.parse(cid),
              did(EntryDocuments.stored(d, AUTHOR)),
              EntryDocuments.longValue(d, SEQ),
              Instant.ofEpochMilli(EntryDocuments.longValue(d, CREATED_AT)),
              EntryDocuments.stored(d, TEXT),
              EntryDocuments.storedAll(d, TAG),
              EntryDocuments.storedAll(d, LANG),
              optionalCid(d, REPLY_ROOT),
              optionalCid(d, REPLY_PARENT),
              optionalCid(d, COMMUNITY),
              !cid.equals(id),
              c[0],
              c[1],
              c[2]));
    }
    return out;
  }

  /**
   * Likes, reposts (distinct authors with a live reaction naming the post's id) and replies (shown
   * posts whose parent is the post) for each id, in one pass over each.
   */
  private Map<String, long[]> counts(FeedSearcher s, List<String> ids) throws IOException {
    Map<String, long[]> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    Set<String> reactions = new HashSet<>();
    forEach(
        s,
        termSet(REACTION_SUBJECT, ids),
        ctx -> {
          SortedDocValues subject = ctx.reader().getSortedDocValues(REACTION_SUBJECT);
          SortedDocValues kind = ctx.reader().getSortedDocValues(REACTION_KIND);
          SortedDocValues reactor = ctx.reader().getSortedDocValues(REACTOR);
          return doc -> {
            if (subject.advanceExact(doc) && kind.advanceExact(doc) && reactor.advanceExact(doc)) {
              String sub = subject.lookupOrd(subject.ordValue()).utf8ToString();
              String k = kind.lookupOrd(kind.ordValue()).utf8ToString();
              String who = reactor.lookupOrd(reactor.ordValue()).utf8ToString();
              if (reactions.add(sub + "|" + k + "|" + who)) {
                out.computeIfAbsent(sub, x -> new long[3])[k.equals("like") ? 0 : 1]++;
              }
            }
          };
        });
    forEach(
        s,
        visible(s, termSet(REPLY_PARENT, ids), Set.of()),
        ctx -> {
          SortedDocValues parent = ctx.reader().getSortedDocValues(REPLY_PARENT);
          return doc -> {
            if (parent.advanceExact(doc)) {
              String p = parent.lookupOrd(parent.ordValue()).utf8ToString();
              out.computeIfAbsent(p, x -> new long[3])[2]++;
            }
          };
        });
    return out;
  }

  // ---- query helpers ----

  /** {@code base} without hidden posts and without posts by {@code excludedAuthors}. */
  private static Query visible(FeedSearcher s, Query base, Set<String> excludedAuthors) {
    if (s.hidden() == null && excludedAuthors.isEmpty()) {
      return base;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(base, Occur.FILTER);
    if (s.hidden() != null) {
      b.add(s.hidden(), Occur.MUST_NOT);
    }
    if (!excludedAuthors.isEmpty()) {
      b.add(termSet(AUTHOR, excludedAuthors), Occur.MUST_NOT);
    }
    return b.build();
  }

  /**
   * {@code q} limited to posts no newer than the cursor's time. The cursor alone would be enough
   * for correctness, but the collector would still visit every newer match to reject it; with the
   * index sorted by time, this range is a binary search per segment, so a later page costs what the
   * first does.
   */
  private static Query olderThan(Query q, FieldDoc after) {
    if (after == null) {
      return q;
    }
    long upTo = (Long) after.fields[0];
    Query range =
        new IndexSortSortedNumericDocValuesRangeQuery(
            CREATED_AT,
            Long.MIN_VALUE,
            upTo,
            LongField.newRangeQuery(CREATED_AT, Long.MIN_VALUE, upTo));
    return new BooleanQuery.Builder().add(q, Occur.FILTER).add(range, Occur.FILTER).build();
  }

  private static TopFieldDocs top(IndexSearcher s, Query q, Sort sort, int limit, FieldDoc after)
      throws IOException {
    // One more than asked tells whether there is a next page. Counting stops there too, which
    // lets a sort that matches the index sort end each segment early.
    int n = limit + 1;
    return s.search(q, new TopFieldCollectorManager(sort, n, after, n));
  }

  private static Optional<Document> first(IndexSearcher s, Query q) throws IOException {
    TopFieldDocs top = s.search(q, new TopFieldCollectorManager(NEWEST, 1, null, 1));
    if (top.scoreDocs.length == 0) {
      return Optional.empty();
    }
    return Optional.of(s.storedFields().document(top.scoreDocs[0].doc, VIEW_FIELDS));
  }

  /**
   * The post with {@code cid} as one of its versions: its id (an original's, which is not repeated
   * in {@link IndexFields#VERSION}) or a later version. The id clause needs the kind, since
   * reactions, blocks and labels are keyed by their CID too.
   */
  private static Query byVersion(Cid cid) {
    String text = cid.toString();
    Query original =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(ID, text)), Occur.FILTER)
            .add(POSTS, Occur.FILTER)
            .build();
    return new BooleanQuery.Builder()
        .add(original, Occur.SHOULD)
        .add(new TermQuery(new Term(VERSION, text)), Occur.SHOULD)
        .build();
  }

  private static Query termSet(String field, Collection<String> values) {
    TreeSet<BytesRef> terms = new TreeSet<>();
    for (String v : values) {
      terms.add(new BytesRef(v));
    }
    return new TermInSetQuery(field, terms);
  }

  private Did did(String text) {
    Did d = dids.get(text);
    if (d == null) {
      d = Did.parse(text);
      if (dids.size() >= MAX_CACHED_DIDS) {
        dids.clear();
      }
      dids.put(text, d);
    }
    return d;
  }

  private static Optional<Cid> optionalCid(Document d, String field) {
    String v = EntryDocuments.stored(d, field);
    return v == null ? Optional.empty() : Optional.of(Cid.parse(v));
  }

  private static List<Document> all(IndexSearcher s, Query q) throws IOException {
    List<Document> out = new ArrayList<>();
    forEach(
        s,
        q,
        ctx -> {
          StoredFields stored = ctx.reader().storedFields();
          return doc -> out.add(stored.document(doc));
        });
    return out;
  }

  /** What to do with each matching document of one segment. */
  private interface LeafVisitor {
    DocVisitor forLeaf(LeafReaderContext ctx) throws IOException;
  }

  private interface DocVisitor {
    void visit(int doc) throws IOException;
  }

  /** Visits every live document matching {@code q}, segment by segment. */
  private static void forEach(IndexSearcher s, Query q, LeafVisitor visitor) throws IOException {
    s.search(
        q,
        new CollectorManager<SimpleCollector, Void>() {
          @Override
          public SimpleCollector newCollector() {
            return new SimpleCollector() {
              private DocVisitor current;

              @Override
              protected void doSetNextReader(LeafReaderContext context) throws IOException {
                current = visitor.forLeaf(context);
              }

              @Override
              public void collect(int doc) throws IOException {
                current.visit(doc);
              }

              @Override
              public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
              }
            };
          }

          @Override
          public Void reduce(Collection<SimpleCollector> collectors) {
            return null;
          }
        });
  }
}
