package org.ipfeed.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.KeyPair;

/**
 * Signed logs for {@link IngestLoad}: {@code authors} authors with {@code perAuthor} posts each,
 * every log continuous (seq 1..perAuthor, each entry's {@code prev} the one before), signed before
 * anything is timed. Entry {@code id = author * perAuthor + (seq - 1)}.
 *
 * <p>Besides the entries and their blocks (the bytes a client sends), it holds what raw
 * verification needs already taken apart (the signed bytes, the signature, the public key as bytes
 * and as a decoded point), so the raw baseline verifies exactly the signatures ingest verifies and
 * pays nothing else.
 */
final class IngestDataset {

  /** Early enough that no clock a benchmark runs on sees these posts as from the future. */
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  final int authors;
  final int perAuthor;
  final SignedEntry[] entries;
  final byte[][] blocks;
  final byte[][] messages;
  final byte[][] signatures;
  final byte[][] publicKeys;
  final Ed25519.PublicPoint[] points;

  /**
   * @param keyBase the first key seed; data sets with different bases share no author
   */
  IngestDataset(int authors, int perAuthor, int keyBase) {
    this.authors = authors;
    this.perAuthor = perAuthor;
    List<String> corpus = SamplePosts.corpus();
    SignedEntry[][] logs =
        IntStream.range(0, authors)
            .parallel()
            .mapToObj(a -> log(SamplePosts.key(keyBase + a), keyBase + a, perAuthor, corpus))
            .toArray(SignedEntry[][]::new);
    int n = authors * perAuthor;
    entries = new SignedEntry[n];
    for (int a = 0; a < authors; a++) {
      System.arraycopy(logs[a], 0, entries, a * perAuthor, perAuthor);
    }
    blocks = new byte[n][];
    messages = new byte[n][];
    signatures = new byte[n][];
    publicKeys = new byte[n][];
    points = new Ed25519.PublicPoint[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              blocks[i] = entries[i].block();
              messages[i] = entries[i].unsignedBytes();
              signatures[i] = entries[i].signature();
              publicKeys[i] = entries[i].entry().author().publicKey().bytes();
              points[i] = Ed25519.validatePublicKeyPartialExport(publicKeys[i], 0);
            });
  }

  int size() {
    return entries.length;
  }

  private static SignedEntry[] log(KeyPair key, long seed, int count, List<String> corpus) {
    Random random = new Random(seed);
    SignedEntry[] out = new SignedEntry[count];
    Instant t = START.plusSeconds(random.nextInt(86_400));
    EntryHeader header = EntryHeader.first(key.did(), t);
    for (int i = 0; i < count; i++) {
      String text = corpus.get(random.nextInt(corpus.size()));
      if (text.codePointCount(0, text.length()) > 3000) {
        text = text.substring(0, 2000);
      }
      Post post = Post.of(header, text).withLangs(List.of("en"));
      if (random.nextInt(3) == 0) {
        post =
            post.withTags(List.of(FeedDataset.TAGS.get(random.nextInt(FeedDataset.TAGS.size()))));
      }
      out[i] = SignedEntry.sign(post, key);
      t = t.plusSeconds(1 + random.nextInt(600));
      header = EntryHeader.after(header, out[i].cid(), t);
    }
    return out;
  }
}
