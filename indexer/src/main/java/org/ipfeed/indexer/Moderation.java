package org.ipfeed.indexer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Which posts moderation hides, worked out once per searcher from the label and charter documents
 * it sees: docs/index.md, "Labels".
 *
 * <p>Labels are few next to posts and their rules (the highest seq per labeller, subject, value and
 * community decides; a community's moderators come from its founder's newest charter) need every
 * label at once, so they are evaluated here rather than copied into post documents: a label that
 * arrives before its subject, a negation, a new moderator all take effect with the next searcher,
 * whatever the order. Each segment's labels and charters are read once and cached until the segment
 * reader closes, so a refresh that only adds posts costs nothing here.
 */
final class Moderation {

  record LabelRecord(
      String cid,
      String labeler,
      String subject,
      String value,
      String community,
      boolean negate,
      long seq) {}

  record CharterRecord(
      String cid, String communityOf, String author, long seq, List<String> moderators) {}

  private record LeafRecords(List<LabelRecord> labels, List<CharterRecord> charters) {
    boolean isEmpty() {
      return labels.isEmpty() && charters.isEmpty();
    }
  }

  private static final LeafRecords NONE = new LeafRecords(List.of(), List.of());

  private final Set<String> trusted;
  private final Set<String> hiding;
  private final Map<Object, LeafRecords> perLeaf = new ConcurrentHashMap<>();
  private List<LeafRecords> lastInputs = List.of();
  private Query lastHidden;

  /** Hidden documents of each segment under {@link #lastHidden}; empty bit sets are left out. */
  private final Map<IndexReader.CacheKey, FixedBitSet> hiddenBits = new ConcurrentHashMap<>();

  private final Set<IndexReader.CacheKey> computed = ConcurrentHashMap.newKeySet();

  Moderation(IndexConfig config) {
    Set<String> t = new HashSet<>();
    config.trustedModerators().forEach(d -> t.add(d.toString()));
    this.trusted = Set.copyOf(t);
    this.hiding = config.hidingLabels();
  }

  /**
   * The query matching every post hidden as of {@code reader}, or null when nothing is hidden.
   * Called by the searcher factory, one refresh at a time. The label query is evaluated into a bit
   * set per segment, once per segment while the labels stay the same.
   */
  synchronized Query hiddenPosts(IndexReader reader) throws IOException {
    Query labels = hiddenByLabels(reader);
    if (labels == null) {
      return null;
    }
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
    Weight weight = null;
    Map<IndexReader.CacheKey, FixedBitSet> bits = new HashMap<>();
    for (LeafReaderContext ctx : reader.leaves()) {
      IndexReader.CacheHelper core = ctx.reader().getCoreCacheHelper();
      if (core == null) {
        throw new IllegalStateException("segment reader without a core cache key");
      }
      IndexReader.CacheKey key = core.getKey();
      if (computed.add(key)) {
        core.addClosedListener(
            k -> {
              computed.remove(k);
              hiddenBits.remove(k);
            });
        if (weight == null) {
          weight =
              searcher.createWeight(searcher.rewrite(labels), ScoreMode.COMPLETE_NO_SCORES, 1f);
        }
        Scorer scorer = weight.scorer(ctx);
        if (scorer != null) {
          FixedBitSet set = new FixedBitSet(ctx.reader().maxDoc());
          DocIdSetIterator it = scorer.iterator();
          for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
            set.set(doc);
          }
          hiddenBits.put(key, set);
        }
      }
      FixedBitSet set = hiddenBits.get(key);
      if (set != null) {
        bits.put(key, set);
      }
    }
    return new HiddenPostsQuery(bits);
  }

  /** The label query as of {@code reader}; resets the per-segment bits when it changes. */
  private Query hiddenByLabels(IndexReader reader) throws IOException {
    List<LeafRecords> inputs = new ArrayList<>();
    for (LeafReaderContext ctx : reader.leaves()) {
      LeafRecords records = recordsOf(ctx.reader());
      if (!records.isEmpty()) {
        inputs.add(records);
      }
    }
    if (!sameInputs(inputs)) {
      List<LabelRecord> labels = new ArrayList<>();
      List<CharterRecord> charters = new ArrayList<>();
      for (LeafRecords r : inputs) {
        labels.addAll(r.labels());
        charters.addAll(r.charters());
      }
      lastHidden = hiddenQuery(labels, charters, trusted, hiding);
      lastInputs = inputs;
      computed.clear();
      hiddenBits.clear();
    }
    return lastHidden;
  }

  private boolean sameInputs(List<LeafRecords> inputs) {
    if (inputs.size() != lastInputs.size()) {
      return false;
    }
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i) != lastInputs.get(i)) {
        return false;
      }
    }
    return true;
  }

  private LeafRecords recordsOf(LeafReader leaf) throws IOException {
    IndexReader.CacheHelper helper = leaf.getReaderCacheHelper();
    if (helper == null) {
      return read(leaf);
    }
    IndexReader.CacheKey key = helper.getKey();
    LeafRecords cached = perLeaf.get(key);
    if (cached == null) {
      cached = read(leaf);
      perLeaf.put(key, cached);
      helper.addClosedListener(perLeaf::remove);
    }
    return cached;
  }

  private static LeafRecords read(LeafReader leaf) throws IOException {
    Terms kinds = leaf.terms(IndexFields.KIND);
    if (kinds == null) {
      return NONE;
    }
    List<LabelRecord> labels = new ArrayList<>();
    List<CharterRecord> charters = new ArrayList<>();
    StoredFields stored = leaf.storedFields();
    for (Document d : live(leaf, kinds, IndexFields.KIND_LABEL, stored)) {
      labels.add(
          new LabelRecord(
              EntryDocuments.stored(d, IndexFields.ID),
              EntryDocuments.stored(d, IndexFields.LABELER),
              EntryDocuments.stored(d, IndexFields.LABEL_SUBJECT),
              EntryDocuments.stored(d, IndexFields.LABEL_VALUE),
              EntryDocuments.stored(d, IndexFields.LABEL_COMMUNITY),
              EntryDocuments.longValue(d, IndexFields.LABEL_NEGATE) != 0,
              EntryDocuments.longValue(d, IndexFields.LABEL_SEQ)));
    }
    for (Document d : live(leaf, kinds, IndexFields.KIND_COMMUNITY, stored)) {
      charters.add(
          new CharterRecord(
              EntryDocuments.stored(d, IndexFields.ID),
              EntryDocuments.stored(d, IndexFields.CHARTER_OF),
              EntryDocuments.stored(d, IndexFields.CHARTER_AUTHOR),
              EntryDocuments.longValue(d, IndexFields.CHARTER_SEQ),
              EntryDocuments.storedAll(d, IndexFields.MODERATOR)));
    }
    return labels.isEmpty() && charters.isEmpty() ? NONE : new LeafRecords(labels, charters);
  }

  private static List<Document> live(LeafReader leaf, Terms kinds, String kind, StoredFields sf)
      throws IOException {
    TermsEnum te = kinds.iterator();
    if (!te.seekExact(new BytesRef(kind))) {
      return List.of();
    }
    List<Document> out = new ArrayList<>();
    PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
    Bits live = leaf.getLiveDocs();
    for (int doc = postings.nextDoc();
        doc != DocIdSetIterator.NO_MORE_DOCS;
        doc = postings.nextDoc()) {
      if (live == null || live.get(doc)) {
        out.add(sf.document(doc));
      }
    }
    return out;
  }

  /**
   * The rules themselves, on plain records: which posts the labels hide. Null when none.
   *
   * <p>A community's founder is the author of its first charter; its moderators are the founder and
   * those listed in the founder's charter with the highest seq. A label counts when its value hides
   * and either its labeller is trusted (everywhere) or it names a community its labeller moderates
   * (then it hides only posts in that community). A label names a post by any version's CID, or an
   * author by DID (all their posts).
   */
  static Query hiddenQuery(
      List<LabelRecord> labels,
      List<CharterRecord> charters,
      Set<String> trusted,
      Set<String> hiding) {
    Map<String, Set<String>> moderators = moderators(charters);
    Map<String, LabelRecord> deciding = new HashMap<>();
    for (LabelRecord l : labels) {
      String key = l.labeler() + "|" + l.subject() + "|" + l.value() + "|" + l.community();
      LabelRecord current = deciding.get(key);
      if (current == null || newer(l, current)) {
        deciding.put(key, l);
      }
    }
    Set<BytesRef> posts = new HashSet<>();
    Set<BytesRef> authors = new HashSet<>();
    Map<String, Set<BytesRef>> postsIn = new TreeMap<>();
    Map<String, Set<BytesRef>> authorsIn = new TreeMap<>();
    for (LabelRecord l : deciding.values()) {
      if (l.negate() || !hiding.contains(l.value())) {
        continue;
      }
      boolean isAuthor = l.subject().startsWith("did:");
      BytesRef subject = new BytesRef(l.subject());
      if (trusted.contains(l.labeler())) {
        (isAuthor ? authors : posts).add(subject);
      } else if (l.community() != null
          && moderators.getOrDefault(l.community(), Set.of()).contains(l.labeler())) {
        (isAuthor ? authorsIn : postsIn)
            .computeIfAbsent(l.community(), c -> new HashSet<>())
            .add(subject);
      }
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    if (!posts.isEmpty()) {
      // An original's CID is its id, not repeated as a version. Only posts are ever subtracted by
      // this query, so the id clause needs no kind.
      any.add(new TermInSetQuery(IndexFields.VERSION, posts), BooleanClause.Occur.SHOULD);
      any.add(new TermInSetQuery(IndexFields.ID, posts), BooleanClause.Occur.SHOULD);
      clauses++;
    }
    if (!authors.isEmpty()) {
      any.add(new TermInSetQuery(IndexFields.AUTHOR, authors), BooleanClause.Occur.SHOULD);
      clauses++;
    }
    Set<String> communities = new HashSet<>(postsIn.keySet());
    communities.addAll(authorsIn.keySet());
    for (String c : new java.util.TreeSet<>(communities)) {
      BooleanQuery.Builder inCommunity = new BooleanQuery.Builder();
      if (postsIn.containsKey(c)) {
        inCommunity.add(
            new TermInSetQuery(IndexFields.VERSION, postsIn.get(c)), BooleanClause.Occur.SHOULD);
        inCommunity.add(
            new TermInSetQuery(IndexFields.ID, postsIn.get(c)), BooleanClause.Occur.SHOULD);
      }
      if (authorsIn.containsKey(c)) {
        inCommunity.add(
            new TermInSetQuery(IndexFields.AUTHOR, authorsIn.get(c)), BooleanClause.Occur.SHOULD);
      }
      any.add(
          new BooleanQuery.Builder()
              .add(new TermQuery(new Term(IndexFields.COMMUNITY, c)), BooleanClause.Occur.FILTER)
              .add(inCommunity.build(), BooleanClause.Occur.FILTER)
              .build(),
          BooleanClause.Occur.SHOULD);
      clauses++;
    }
    return clauses == 0 ? null : new ConstantScoreQuery(any.build());
  }

  private static Map<String, Set<String>> moderators(List<CharterRecord> charters) {
    Map<String, String> founders = new HashMap<>();
    for (CharterRecord c : charters) {
      if (c.cid().equals(c.communityOf())) {
        founders.put(c.cid(), c.author());
      }
    }
    Map<String, CharterRecord> current = new HashMap<>();
    for (CharterRecord c : charters) {
      String founder = founders.get(c.communityOf());
      if (founder == null || !founder.equals(c.author())) {
        continue;
      }
      CharterRecord best = current.get(c.communityOf());
      if (best == null
          || c.seq() > best.seq()
          || (c.seq() == best.seq() && c.cid().compareTo(best.cid()) > 0)) {
        current.put(c.communityOf(), c);
      }
    }
    Map<String, Set<String>> out = new HashMap<>();
    for (Map.Entry<String, CharterRecord> e : current.entrySet()) {
      Set<String> mods = new HashSet<>(e.getValue().moderators());
      mods.add(founders.get(e.getKey()));
      out.put(e.getKey(), mods);
    }
    return out;
  }

  private static boolean newer(LabelRecord a, LabelRecord b) {
    return a.seq() != b.seq() ? a.seq() > b.seq() : a.cid().compareTo(b.cid()) > 0;
  }
}
