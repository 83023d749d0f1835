package org.ipfeed.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.IndexableFieldType;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.ipfeed.schema.entry.Block;
import org.ipfeed.schema.entry.Community;
import org.ipfeed.schema.entry.Follow;
import org.ipfeed.schema.entry.Label;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.Reaction;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.entry.Subject;
import org.ipfeed.schema.entry.Unfollow;
import org.ipfeed.schema.multiformats.Cid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Entry to document, against fixture files in {@code src/test/resources/entry-documents/}: each
 * line is one field as Lucene gets it, {@code name how-indexed value}. Run with {@code
 * -Dipfeed.writeFixtures=true} to rewrite them after a deliberate change, and review the diff.
 */
class EntryDocumentsTest {

  static final TestLog ALICE = new TestLog(1, Instant.parse("2026-05-01T12:00:00.123Z"));
  static final TestLog BOB = new TestLog(2, Instant.parse("2026-05-01T12:30:00Z"));
  static final Map<String, Document> CASES = cases();

  private static Map<String, Document> cases() {
    Map<String, Document> out = new LinkedHashMap<>();
    SignedEntry charter = BOB.community("rust in lisbon", List.of(ALICE.did()));
    SignedEntry plain = ALICE.post("hello, world");
    out.put("post-plain", EntryDocuments.post(PostState.original(plain.cid(), post(plain))));
    SignedEntry full =
        ALICE.post(
            "Ünïcödé text with emoji 🚀",
            p ->
                p.withLangs(List.of("en", "pt-BR"))
                    .withTags(List.of("ipfs", "hello_world"))
                    .withMentions(List.of(BOB.did()))
                    .withReply(new Post.Reply(plain.cid(), plain.cid()))
                    .withCommunity(charter.cid())
                    .withEmbeds(List.of(Cid.raw(new byte[] {4}))));
    PostState fullState = PostState.original(full.cid(), post(full));
    out.put("post-full", EntryDocuments.post(fullState));
    SignedEntry edit = ALICE.edit(full.cid(), "edited text");
    out.put("post-edited", EntryDocuments.post(fullState.withVersion(edit.cid(), post(edit))));
    out.put(
        "edit-pending",
        EntryDocuments.pendingEdit(full.cid(), ALICE.did(), edit.block(), List.of(edit.cid())));
    out.put("tombstone", EntryDocuments.tombstone(ALICE.did(), plain.cid()));
    SignedEntry like = BOB.like(plain.cid());
    out.put("reaction-like", EntryDocuments.reaction(like.cid(), (Reaction) like.entry()));
    SignedEntry follow = BOB.follow(ALICE.did());
    out.put("follow", EntryDocuments.follow(follow.cid(), (Follow) follow.entry()));
    SignedEntry unfollow = BOB.unfollow(ALICE.did());
    out.put("unfollow", EntryDocuments.follow(unfollow.cid(), (Unfollow) unfollow.entry()));
    SignedEntry block = BOB.block(ALICE.did());
    out.put("block", EntryDocuments.block(block.cid(), (Block) block.entry()));
    out.put("mute", EntryDocuments.mute(BOB.did(), ALICE.did()));
    SignedEntry label =
        ALICE.label(Subject.of(full.cid()), "spam", Optional.of(charter.cid()), true);
    out.put("label-post", EntryDocuments.label(label.cid(), (Label) label.entry()));
    SignedEntry labelAuthor = ALICE.label(Subject.of(BOB.did()), "hide", Optional.empty(), false);
    out.put("label-author", EntryDocuments.label(labelAuthor.cid(), (Label) labelAuthor.entry()));
    out.put("community", EntryDocuments.community(charter.cid(), (Community) charter.entry()));
    SignedEntry amend = BOB.amendCommunity(charter.cid(), "rust in porto", List.of());
    out.put(
        "community-amendment", EntryDocuments.community(amend.cid(), (Community) amend.entry()));
    out.put(
        "checkpoint",
        EntryDocuments.checkpoint(new Checkpoint(BOB.did(), amend.cid(), amend.entry().seq())));
    return out;
  }

  private static Post post(SignedEntry e) {
    return (Post) e.entry();
  }

  static Stream<Arguments> fixtures() {
    return CASES.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void documentsMatchTheirFixture(String name, Document doc) throws IOException {
    String actual = render(doc);
    Path file = Path.of("src/test/resources/entry-documents", name + ".txt");
    if (Boolean.getBoolean("ipfeed.writeFixtures")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    try (InputStream in = getClass().getResourceAsStream("/entry-documents/" + name + ".txt")) {
      assertThat(in).as("fixture %s", name).isNotNull();
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void postStatesSurviveTheIndexExactly() throws IOException {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    List<String> postCases = List.of("post-plain", "post-full", "post-edited");
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(TextAnalysis.analyzer()))) {
      for (String c : postCases) {
        w.addDocument(CASES.get(c));
      }
    }
    try (DirectoryReader r = DirectoryReader.open(dir)) {
      for (int i = 0; i < postCases.size(); i++) {
        Document built = CASES.get(postCases.get(i));
        Document stored = r.storedFields().document(i);
        assertThat(EntryDocuments.postState(stored))
            .as(postCases.get(i))
            .isEqualTo(EntryDocuments.postState(built));
        assertThat(EntryDocuments.kind(stored)).isEqualTo(IndexFields.KIND_POST);
      }
    }
    PostState edited = EntryDocuments.postState(CASES.get("post-edited"));
    assertThat(edited.edited()).isTrue();
    assertThat(edited.text()).isEqualTo("edited text");
    assertThat(edited.versions()).hasSize(2);
    assertThat(edited.replyRoot()).isPresent();
  }

  @Test
  void otherKindsReadBackWhatTheWriterNeeds() {
    assertThat(EntryDocuments.followDecision(CASES.get("unfollow")).seq()).isEqualTo(4);
    assertThat(EntryDocuments.checkpoint(CASES.get("checkpoint")).seq()).isEqualTo(6);
    EntryDocuments.PendingEdit pending = EntryDocuments.pendingEdit(CASES.get("edit-pending"));
    assertThat(SignedEntry.decode(pending.newestBlock()).entry()).isInstanceOf(Post.class);
    assertThat(EntryDocuments.entryAuthor(CASES.get("block"))).contains(BOB.did());
    assertThat(EntryDocuments.entryAuthor(CASES.get("follow"))).isEmpty();
  }

  @Test
  void languagesAreFoundByTagAndPrimarySubtag() {
    assertThat(EntryDocuments.langTerms("pt-BR")).containsExactly("pt-br", "pt");
    assertThat(EntryDocuments.langTerms("en")).containsExactly("en");
  }

  /** One line per field: name, how Lucene indexes it, and its value. */
  static String render(Document doc) {
    StringBuilder out = new StringBuilder();
    for (IndexableField f : doc.getFields()) {
      out.append(f.name()).append("  ").append(how(f.fieldType())).append("  ");
      if (f.numericValue() != null) {
        out.append(f.numericValue());
      } else if (f.stringValue() != null) {
        out.append(f.stringValue());
      } else {
        BytesRef b = f.binaryValue();
        boolean printable = true;
        for (int i = b.offset; i < b.offset + b.length; i++) {
          printable &= b.bytes[i] >= 0x20 && b.bytes[i] < 0x7f;
        }
        if (printable) {
          out.append(b.utf8ToString()).append('\n');
          continue;
        }
        String hex = HexFormat.of().formatHex(b.bytes, b.offset, b.length);
        out.append(hex.length() > 80 ? hex.substring(0, 80) + "… (" + b.length + " bytes)" : hex);
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String how(IndexableFieldType t) {
    StringBuilder s = new StringBuilder();
    if (t.indexOptions() != IndexOptions.NONE) {
      s.append(t.tokenized() ? "text" : "term");
    }
    if (t.pointDimensionCount() > 0) {
      s.append(s.length() > 0 ? "+" : "").append("points");
    }
    if (t.docValuesType() != org.apache.lucene.index.DocValuesType.NONE) {
      s.append(s.length() > 0 ? "+" : "")
          .append("dv-")
          .append(t.docValuesType().name().toLowerCase());
    }
    if (t.stored()) {
      s.append(s.length() > 0 ? "+" : "").append("stored");
    }
    return s.toString();
  }
}
