package org.ipfeed.indexer.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.ipfeed.indexer.IndexFields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The translator's queries on a real index on disk, searched with plain Lucene: BM25 ranks as a
 * person would expect, and the same query sorts newest first with stable cursors. The fields are
 * indexed as {@link IndexFields} documents them; the index module owns the real documents.
 */
class RelevanceTest {

  private static final String ALICE = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
  private static final String BOB = "did:key:z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG";

  private static final Sort RELEVANCE =
      new Sort(SortField.FIELD_SCORE, new SortField(IndexFields.ID, SortField.Type.STRING));

  private static final Sort NEWEST =
      new Sort(
          LongField.newSortField(IndexFields.CREATED_AT, true, SortedNumericSelector.Type.MIN),
          new SortField(IndexFields.ID, SortField.Type.STRING));

  @TempDir static Path dir;

  private static Analyzer analyzer;
  private static QueryTranslator translator;
  private static Directory directory;
  private static DirectoryReader reader;
  private static IndexSearcher searcher;

  @BeforeAll
  static void index() throws IOException {
    analyzer = new PostAnalyzer();
    translator = new QueryTranslator(analyzer);
    directory = FSDirectory.open(dir);
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
      post(writer, "p1", ALICE, "2024-05-01", "Lucene is a search library. Lucene search is fast.");
      post(
          writer,
          "p2",
          ALICE,
          "2024-05-02",
          "I went for a long walk in the park and later read about search engines and many"
              + " other unrelated things while drinking coffee");
      post(writer, "p3", ALICE, "2024-05-03", "lucene search");
      post(writer, "p4", ALICE, "2024-05-04", "Lucene");
      post(writer, "p5", BOB, "2024-05-05", "A ação do pão é ótima", "pt-br", "pt");
      post(writer, "p6", BOB, "2024-05-06", "我爱北京天安门。東京タワーへ行きました");
      post(writer, "p7", BOB, "2024-05-07", "search, then Lucene");
      Document tagged = post(BOB, "2024-05-08", "the search engine Lucene", "p8");
      tagged.add(new StringField(IndexFields.TAG, "lucene", Field.Store.YES));
      writer.addDocument(tagged);
      writer.commit();
    }
    reader = DirectoryReader.open(directory);
    searcher = new IndexSearcher(reader);
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
    directory.close();
    analyzer.close();
  }

  @Test
  void everyWordMustMatchAndAPostOfJustThoseWordsRanksFirst() throws IOException {
    List<String> ids = search("lucene search", RELEVANCE);

    assertThat(ids).containsExactlyInAnyOrder("p1", "p3", "p7", "p8");
    assertThat(ids.get(0)).isEqualTo("p3");
  }

  @Test
  void oneMatchInAShortPostOutranksOneInALongPost() throws IOException {
    List<String> ids = search("search", RELEVANCE);

    assertThat(ids).containsExactlyInAnyOrder("p1", "p2", "p3", "p7", "p8");
    assertThat(ids.get(0)).isEqualTo("p3");
    assertThat(ids.get(ids.size() - 1)).isEqualTo("p2");
  }

  @Test
  void aWordSaidTwiceOutranksItSaidOnceInAShorterPost() throws IOException {
    List<String> ids = search("lucene", RELEVANCE);

    assertThat(ids).startsWith("p4", "p3").containsExactlyInAnyOrder("p1", "p3", "p4", "p7", "p8");
    // Twice in nine words (p1) beats once in four (p8): frequency outweighs length here.
    assertThat(ids.indexOf("p1")).isLessThan(ids.indexOf("p8"));
  }

  @Test
  void phrasesNeedTheWordsInOrderAndNextToEachOther() throws IOException {
    assertThat(search("\"lucene search\"", RELEVANCE)).containsExactlyInAnyOrder("p1", "p3");
    assertThat(search("\"search lucene\"", RELEVANCE)).isEmpty();
  }

  @Test
  void exclusionsAndAlternatives() throws IOException {
    assertThat(search("lucene -search", RELEVANCE)).containsExactly("p4");
    assertThat(search("coffee OR pao", RELEVANCE)).containsExactlyInAnyOrder("p2", "p5");
    assertThat(search("lucene -(search OR engine)", RELEVANCE)).containsExactly("p4");
  }

  @Test
  void foldedAndSegmentedWordsAreFound() throws IOException {
    assertThat(search("ACAO otima", RELEVANCE)).containsExactly("p5");
    assertThat(search("北京", RELEVANCE)).containsExactly("p6");
    assertThat(search("天安门", RELEVANCE)).containsExactly("p6");
    assertThat(search("東京", RELEVANCE)).containsExactly("p6");
    assertThat(search("京", RELEVANCE)).containsExactly("p6");
    assertThat(search("\"北京 天安门\"", RELEVANCE)).containsExactly("p6");
    assertThat(search("東京タワー", RELEVANCE)).containsExactly("p6");
    assertThat(search("京都", RELEVANCE)).isEmpty();
  }

  @Test
  void operatorsFilterWithoutChangingTheRanking() throws IOException {
    assertThat(search("#Lucene", RELEVANCE)).containsExactly("p8");
    assertThat(search("from:" + BOB, NEWEST)).containsExactly("p8", "p7", "p6", "p5");
    assertThat(search("lang:pt", RELEVANCE)).containsExactly("p5");
    assertThat(search("lang:pt-BR", RELEVANCE)).containsExactly("p5");
    assertThat(search("lucene from:" + ALICE, RELEVANCE))
        .containsExactlyElementsOf(
            search("lucene", RELEVANCE).stream().filter(id -> id.compareTo("p5") < 0).toList());

    TopDocs operatorsOnly = searcher.search(query("from:" + BOB), 10);
    for (ScoreDoc hit : operatorsOnly.scoreDocs) {
      assertThat(hit.score).isZero();
    }
  }

  @Test
  void datesAreWholeDaysInTheSearchersZone() throws IOException {
    assertThat(search("since:2024-05-03 until:2024-05-04", NEWEST)).containsExactly("p4", "p3");
    // Posts are stamped at noon UTC, which is already the next day in Kiritimati (UTC+14).
    assertThat(search("since:2024-05-03 until:2024-05-04", ZoneId.of("Pacific/Kiritimati"), NEWEST))
        .containsExactly("p3", "p2");
  }

  @Test
  void newestFirstPagesWithSearchAfterWithoutGapsOrRepeats() throws IOException {
    org.apache.lucene.search.Query lucene = query("lucene");
    List<String> pages = new ArrayList<>();
    FieldDoc after = null;
    do {
      TopDocs page =
          after == null
              ? searcher.search(lucene, 2, NEWEST)
              : searcher.searchAfter(after, lucene, 2, NEWEST);
      for (ScoreDoc hit : page.scoreDocs) {
        pages.add(id(hit));
      }
      after =
          page.scoreDocs.length == 2 ? (FieldDoc) page.scoreDocs[page.scoreDocs.length - 1] : null;
    } while (after != null);

    assertThat(pages).containsExactly("p8", "p7", "p4", "p3", "p1");
  }

  private static List<String> search(String query, Sort sort) throws IOException {
    return search(query, ZoneOffset.UTC, sort);
  }

  private static List<String> search(String query, ZoneId zone, Sort sort) throws IOException {
    TopDocs hits = searcher.search(translator.translate(query, zone), 100, sort, true);
    List<String> ids = new ArrayList<>();
    for (ScoreDoc hit : hits.scoreDocs) {
      ids.add(id(hit));
    }
    return ids;
  }

  private static org.apache.lucene.search.Query query(String query) {
    return translator.translate(query, ZoneOffset.UTC);
  }

  private static String id(ScoreDoc hit) throws IOException {
    return searcher.storedFields().document(hit.doc).get(IndexFields.ID);
  }

  private static void post(
      IndexWriter writer, String id, String author, String day, String text, String... langs)
      throws IOException {
    writer.addDocument(post(author, day, text, id, langs));
  }

  private static Document post(String author, String day, String text, String id, String... langs) {
    Document doc = new Document();
    doc.add(new StringField(IndexFields.ID, id, Field.Store.YES));
    doc.add(new SortedDocValuesField(IndexFields.ID, new BytesRef(id)));
    doc.add(new TextField(IndexFields.TEXT, text, Field.Store.YES));
    doc.add(new StringField(IndexFields.AUTHOR, author, Field.Store.YES));
    long millis = Instant.parse(day + "T12:00:00.000Z").toEpochMilli();
    doc.add(new LongField(IndexFields.CREATED_AT, millis, Field.Store.YES));
    for (String lang : langs) {
      doc.add(new StringField(IndexFields.LANG, lang, Field.Store.NO));
    }
    return doc;
  }
}
