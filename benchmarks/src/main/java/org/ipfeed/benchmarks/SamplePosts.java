package org.ipfeed.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.KeyPair;

/**
 * Typical posts for benchmarks: corpus text (median about 95 characters), a language, a hashtag on
 * some, each one linked to the author's previous entry like a real log.
 */
public final class SamplePosts {

  private SamplePosts() {}

  /** The corpus, one post per line. */
  public static List<String> corpus() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                SamplePosts.class.getResourceAsStream("/posts.txt"), StandardCharsets.UTF_8))) {
      return in.lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A key from a fixed seed, so runs sign the same bytes. */
  public static KeyPair key(int n) {
    byte[] seed = new byte[32];
    new Random(n).nextBytes(seed);
    return KeyPair.fromSeed(seed);
  }

  /** {@code count} signed posts by one author, seq 1..count, texts drawn with a fixed seed. */
  public static List<SignedEntry> signed(int count, long seed) {
    List<String> corpus = corpus();
    Random random = new Random(seed);
    KeyPair key = key((int) seed);
    List<SignedEntry> out = new ArrayList<>(count);
    Instant t = Instant.parse("2026-01-01T00:00:00.000Z");
    EntryHeader header = EntryHeader.first(key.did(), t);
    for (int i = 0; i < count; i++) {
      String text = corpus.get(random.nextInt(corpus.size()));
      if (text.codePointCount(0, text.length()) > 3000) {
        text = text.substring(0, 2000);
      }
      Post post = Post.of(header, text).withLangs(List.of("en"));
      if (random.nextInt(3) == 0) {
        post = post.withTags(List.of("fortune"));
      }
      SignedEntry signed = SignedEntry.sign(post, key);
      out.add(signed);
      t = t.plusSeconds(1 + random.nextInt(600));
      header = EntryHeader.after(header, signed.cid(), t);
    }
    return out;
  }
}
