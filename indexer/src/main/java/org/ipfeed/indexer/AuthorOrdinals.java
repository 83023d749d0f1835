package org.ipfeed.indexer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * Every DID a segment holds in a sorted doc values field ({@link IndexFields#AUTHOR}, {@link
 * IndexFields#FOLLOWEE}), numbered once for the whole index, so that a timeline works with small
 * numbers instead of strings.
 *
 * <p>Why: a timeline is "posts whose author is one of these 500". Asking each segment for 500 terms
 * costs 500 term-dictionary seeks per segment per page, and decoding a doc value back to a string
 * costs a block decompression. Segments never change, so each segment's ordinal-to-number table is
 * built once (one pass over its terms) and dropped when the segment closes; after that a page only
 * compares integers.
 *
 * <p>Tricky bits: numbers are never reused or forgotten, so the dictionary grows with the number of
 * distinct DIDs ever indexed (about 100 bytes each), not with queries: {@link #idOf} never adds.
 * Thread-safe.
 */
final class AuthorOrdinals {

  /** One segment's view of one field. */
  record Segment(int[] ordToId, int[] idToOrd, int[] docFreq) {

    static final Segment EMPTY = new Segment(new int[0], new int[0], new int[0]);

    /** This segment's ordinal of the DID numbered {@code id}, or -1 when it has none. */
    int ord(int id) {
      return id < idToOrd.length ? idToOrd[id] : -1;
    }
  }

  private record Key(Object core, String field) {}

  private final Map<String, Integer> ids = new ConcurrentHashMap<>();
  private final List<String> names = new ArrayList<>();
  private final Map<Key, Segment> segments = new ConcurrentHashMap<>();

  /** The number of {@code did}, or -1 when no segment seen so far holds it. */
  int idOf(String did) {
    Integer id = ids.get(did);
    return id == null ? -1 : id;
  }

  /** The DID numbered {@code id}. */
  synchronized String name(int id) {
    return names.get(id);
  }

  private synchronized int intern(String did) {
    Integer id = ids.get(did);
    if (id == null) {
      id = names.size();
      names.add(did);
      ids.put(did, id);
    }
    return id;
  }

  /** The tables of {@code field} in {@code reader}, built on first use. */
  Segment segment(LeafReader reader, String field) throws IOException {
    IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
    if (helper == null) {
      return build(reader, field);
    }
    Key key = new Key(helper.getKey(), field);
    Segment s = segments.get(key);
    if (s == null) {
      s = build(reader, field);
      if (segments.putIfAbsent(key, s) == null) {
        helper.addClosedListener(core -> segments.keySet().removeIf(k -> k.core() == core));
      }
    }
    return s;
  }

  private Segment build(LeafReader reader, String field) throws IOException {
    SortedDocValues dv = reader.getSortedDocValues(field);
    if (dv == null) {
      return Segment.EMPTY;
    }
    int[] ordToId = new int[dv.getValueCount()];
    TermsEnum values = dv.termsEnum();
    int ord = 0;
    for (BytesRef t = values.next(); t != null; t = values.next()) {
      ordToId[ord++] = intern(t.utf8ToString());
    }
    int maxId = -1;
    for (int id : ordToId) {
      maxId = Math.max(maxId, id);
    }
    int[] idToOrd = new int[maxId + 1];
    Arrays.fill(idToOrd, -1);
    for (int o = 0; o < ordToId.length; o++) {
      idToOrd[ordToId[o]] = o;
    }
    // How many documents each value has, to estimate what reading its postings costs. The indexed
    // terms are the same values (every field here is indexed and has doc values), so one pass in
    // step is enough; a value without postings keeps 0.
    int[] docFreq = new int[ordToId.length];
    Terms terms = reader.terms(field);
    if (terms != null) {
      TermsEnum te = terms.iterator();
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        Integer id = ids.get(t.utf8ToString());
        int o = id == null ? -1 : (id < idToOrd.length ? idToOrd[id] : -1);
        if (o >= 0) {
          docFreq[o] = te.docFreq();
        }
      }
    }
    return new Segment(ordToId, idToOrd, docFreq);
  }
}
