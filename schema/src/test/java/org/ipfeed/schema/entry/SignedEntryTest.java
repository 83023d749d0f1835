package org.ipfeed.schema.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.ipfeed.schema.codec.CodecException;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.error.TooLargeException;
import org.ipfeed.schema.ipld.Ipld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignedEntryTest {

  static java.util.List<Entry> entries() {
    return SampleEntries.all();
  }

  @Test
  void samplesCoverEveryType() {
    Set<EntryType> types =
        entries().stream()
            .map(Entry::type)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(EntryType.class)));
    assertThat(types).containsExactlyInAnyOrder(EntryType.values());
  }

  @ParameterizedTest
  @MethodSource("entries")
  void signedEntriesDecodeToTheSameEntryAndVerify(Entry entry) {
    SignedEntry signed = SignedEntry.sign(entry, SampleEntries.ALICE);

    SignedEntry read = SignedEntry.decodeVerified(signed.block());

    assertThat(read.entry()).isEqualTo(entry);
    assertThat(read.cid()).isEqualTo(signed.cid()).isEqualTo(DagCbor.cid(signed.block()));
    assertThat(read.signature()).isEqualTo(signed.signature());
    assertThat(read.block()).isEqualTo(signed.block());
  }

  @ParameterizedTest
  @MethodSource("entries")
  void theSignatureCoversTheEncodingWithoutSig(Entry entry) {
    SignedEntry signed = SignedEntry.sign(entry, SampleEntries.ALICE);
    Ipld.Map stored = (Ipld.Map) DagCbor.decode(signed.block());
    Map<String, Ipld> withoutSig = new LinkedHashMap<>(stored.entries());
    withoutSig.remove("sig");

    byte[] message = DagCbor.encode(new Ipld.Map(withoutSig));

    assertThat(signed.unsignedBytes()).isEqualTo(message);
    assertThat(SampleEntries.ALICE.publicKey().verify(message, signed.signature())).isTrue();
  }

  @Test
  void anotherAuthorsKeyCannotSign() {
    assertThatThrownBy(
            () -> SignedEntry.sign(Post.of(SampleEntries.first(), "x"), SampleEntries.BOB))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSignatureByAnotherKeyFailsVerification() {
    Entry entry = Post.of(SampleEntries.first(), "mine");
    byte[] forged = SampleEntries.BOB.sign(DagCbor.encode(EntryCodec.toIpld(entry)));
    byte[] block = DagCbor.encode(EntryCodec.toIpld(entry, forged));

    SignedEntry decoded = SignedEntry.decode(block);

    assertThat(decoded.hasValidSignature()).isFalse();
    assertThatThrownBy(decoded::verify)
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.reason()).isEqualTo("bad-signature"));
  }

  private static byte[] tamper(Entry entry, UnaryOperator<Map<String, Ipld>> change) {
    SignedEntry signed = SignedEntry.sign(entry, SampleEntries.ALICE);
    Map<String, Ipld> map =
        new LinkedHashMap<>(((Ipld.Map) DagCbor.decode(signed.block())).entries());
    return DagCbor.encode(new Ipld.Map(change.apply(map)));
  }

  private static void assertRefused(byte[] block, String reason, String messagePart) {
    assertThatThrownBy(() -> SignedEntry.decode(block))
        .isInstanceOfSatisfying(
            InvalidEntryException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage()).contains(messagePart);
            });
  }

  @Test
  void unknownFieldsAreRefused() {
    byte[] block =
        tamper(
            Post.of(SampleEntries.first(), "x"),
            m -> {
              m.put("mood", Ipld.of("happy"));
              return m;
            });
    assertRefused(block, "unknown-field", "mood");
  }

  @Test
  void emptyOptionalListsAndFalseFlagsAreRefused() {
    assertRefused(
        tamper(
            Post.of(SampleEntries.first(), "x"),
            m -> {
              m.put("tags", new Ipld.List(java.util.List.of()));
              return m;
            }),
        "non-canonical-entry",
        "post.tags");
    assertRefused(
        tamper(
            new Label(
                SampleEntries.first(),
                Subject.of(SampleEntries.SOME_POST),
                "spam",
                java.util.Optional.empty(),
                false),
            m -> {
              m.put("negate", Ipld.FALSE);
              return m;
            }),
        "non-canonical-entry",
        "label.negate");
  }

  @Test
  void missingAndMistypedFieldsAreNamed() {
    assertRefused(
        tamper(
            Post.of(SampleEntries.first(), "x"),
            m -> {
              m.remove("text");
              return m;
            }),
        "missing-field",
        "post.text");
    assertRefused(
        tamper(
            Post.of(SampleEntries.first(), "x"),
            m -> {
              m.put("seq", Ipld.of("1"));
              return m;
            }),
        "wrong-kind",
        "entry.seq");
    assertRefused(
        tamper(
            Post.of(SampleEntries.first(), "x"),
            m -> {
              m.put("type", Ipld.of("poll"));
              return m;
            }),
        "unknown-type",
        "poll");
    assertRefused(
        tamper(
            Post.of(SampleEntries.first(), "x"),
            m -> {
              m.put("author", Ipld.of("did:web:example.com"));
              return m;
            }),
        "invalid-did",
        "entry.author");
  }

  @Test
  void logRulesHoldForSeqAndPrev() {
    assertRefused(
        tamper(
            Post.of(SampleEntries.first(), "x"),
            m -> {
              m.put("seq", Ipld.of(2));
              return m;
            }),
        "invalid-log",
        "prev");
    assertRefused(
        tamper(
            Post.of(SampleEntries.later(), "x"),
            m -> {
              m.remove("prev");
              return m;
            }),
        "invalid-log",
        "prev");
    assertRefused(
        tamper(
            Post.of(SampleEntries.first(), "x"),
            m -> {
              m.put("seq", Ipld.of(0));
              return m;
            }),
        "out-of-range",
        "seq");
  }

  @Test
  void timestampsHaveOneForm() {
    for (String bad :
        new String[] {
          "2026-11-26T10:00:00Z", "2026-11-26T10:00:00.1Z", "2026-11-26T10:00:00.000+00:00",
          "2026-11-26 10:00:00.000Z", "2026-13-26T10:00:00.000Z", "2026-02-30T10:00:00.000Z"
        }) {
      assertRefused(
          tamper(
              Post.of(SampleEntries.first(), "x"),
              m -> {
                m.put("createdAt", Ipld.of(bad));
                return m;
              }),
          "invalid-timestamp",
          "createdAt");
    }
  }

  @Test
  void signaturesAreSixtyFourBytes() {
    byte[] block =
        tamper(
            Post.of(SampleEntries.first(), "x"),
            m -> {
              m.put("sig", Ipld.bytes(new byte[63]));
              return m;
            });
    assertRefused(block, "invalid-signature", "64");
  }

  @Test
  void limitsAreEnforcedInConstructors() {
    String tooLong = "a".repeat(Limits.MAX_POST_TEXT + 1);
    assertThatThrownBy(() -> Post.of(SampleEntries.first(), tooLong))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.reason()).isEqualTo("too-long"));
    String emoji = "🚀".repeat(Limits.MAX_POST_TEXT);
    assertThat(Post.of(SampleEntries.first(), emoji).text()).isEqualTo(emoji);
    assertThatThrownBy(
            () -> Post.of(SampleEntries.first(), "x").withTags(java.util.List.of("#hash")))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessageContaining("post.tags");
    assertThatThrownBy(
            () -> Post.of(SampleEntries.first(), "x").withTags(java.util.List.of("Upper")))
        .isInstanceOf(InvalidEntryException.class);
    // Devanagari and Thai words carry combining marks; they are still words.
    assertThat(
            Post.of(SampleEntries.first(), "x")
                .withTags(java.util.List.of("हिन्दी", "ภาษาไทย"))
                .tags())
        .containsExactly("हिन्दी", "ภาษาไทย");
    assertThatThrownBy(
            () -> Post.of(SampleEntries.first(), "x").withLangs(java.util.List.of("english!")))
        .isInstanceOf(InvalidEntryException.class);
    assertThatThrownBy(() -> Post.of(SampleEntries.first(), ""))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.reason()).isEqualTo("empty-field"));
    Post imageOnly =
        new Post(
            SampleEntries.first(),
            "",
            java.util.List.of(),
            java.util.List.of(),
            java.util.List.of(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.List.of(SampleEntries.IMAGE),
            java.util.Optional.empty());
    SignedEntry signed = SignedEntry.sign(imageOnly, SampleEntries.ALICE);
    assertThat(SignedEntry.decodeVerified(signed.block()).entry()).isEqualTo(imageOnly);
  }

  @Test
  void blocksOverTheLimitAreRefusedBeforeDecoding() {
    byte[] huge = new byte[Limits.MAX_BLOCK_BYTES + 1];
    assertThatThrownBy(() -> SignedEntry.decode(huge))
        .isInstanceOfSatisfying(
            TooLargeException.class, e -> assertThat(e.reason()).isEqualTo("block-too-large"));
  }

  @Test
  void nonCanonicalBytesAreCodecErrorsAndNonMapsAreRefused() {
    byte[] block =
        SignedEntry.sign(Post.of(SampleEntries.first(), "x"), SampleEntries.ALICE).block();
    byte[] trailing = Arrays.copyOf(block, block.length + 1);
    assertThatThrownBy(() -> SignedEntry.decode(trailing)).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> SignedEntry.decode(DagCbor.encode(Ipld.of("post"))))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.reason()).isEqualTo("wrong-kind"));
  }
}
