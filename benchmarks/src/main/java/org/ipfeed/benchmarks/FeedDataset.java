package org.ipfeed.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.Follow;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.identity.KeyPair;
import org.ipfeed.schema.multiformats.Cid;

/**
 * The data set of {@link FeedIndexLoad}, generated from fixed seeds so that building the index and
 * dumping it for PostgreSQL ({@link FeedDatasetDump}) see the same posts, follows and searches.
 *
 * <p>One {@link Random} draws, in this order: every post's time; then, post by post, its author,
 * text and tag; then the follows. Callers must consume it in that order (all chunks, then {@link
 * #follows}), which is why this is a stateful object rather than a set of functions.
 *
 * <p>Signing is the slow part (about 40 s for a million posts on two cores); chunks are signed with
 * each author's posts in order and authors in parallel, which leaves the result unchanged.
 */
final class FeedDataset {

  static final int AUTHORS = 20_000;
  static final int VIEWERS = 200;
  static final int FOLLOWS = 500;
  static final int SEARCHES = 1_000;
  static final long START = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
  static final long SPAN = 30L * 24 * 3600 * 1000;
  static final List<String> TAGS =
      List.of(
          "fortune", "cats", "jazz", "rust", "news", "art", "birds", "spring", "garden", "linux");

  final int posts;
  private final Random random = new Random(20_261_126L);
  private final List<String> corpus = SamplePosts.corpus();
  private final KeyPair[] keys;
  private final long[] times;
  private final EntryHeader[] last = new EntryHeader[AUTHORS];
  private final Cid[] lastCid = new Cid[AUTHORS];

  FeedDataset(int posts) {
    this.posts = posts;
    this.keys =
        IntStream.range(0, AUTHORS)
            .parallel()
            .mapToObj(FeedDataset::author)
            .toArray(KeyPair[]::new);
    this.times = new long[posts];
    for (int i = 0; i < posts; i++) {
      times[i] = START + (long) (random.nextDouble() * SPAN);
    }
    // Rows arrive in time order, as baselines.md loads PostgreSQL.
    Arrays.sort(times);
  }

  static KeyPair author(int n) {
    return SamplePosts.key(1_000_000 + n);
  }

  static KeyPair viewer(int n) {
    return SamplePosts.key(2_000_000 + n);
  }

  /** Every viewer's identity; the last one is the quiet viewer. */
  static Did[] viewerDids() {
    return IntStream.range(0, VIEWERS + 1)
        .parallel()
        .mapToObj(v -> viewer(v).did())
        .toArray(Did[]::new);
  }

  static boolean isQuiet(int viewer) {
    return viewer == VIEWERS;
  }

  /**
   * Signs posts {@code from..to} (call with consecutive ranges from 0). {@code author = floor(20000
   * u^2)}: a few prolific authors, most quiet.
   */
  List<SignedEntry> chunk(int from, int to) {
    Map<Integer, List<Integer>> byAuthor = new LinkedHashMap<>();
    String[] texts = new String[to - from];
    List<List<String>> tags = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      double u = random.nextDouble();
      int a = (int) Math.floor(AUTHORS * u * u);
      texts[i - from] = corpus.get(random.nextInt(corpus.size()));
      tags.add(random.nextInt(3) == 0 ? List.of(TAGS.get(random.nextInt(TAGS.size()))) : List.of());
      byAuthor.computeIfAbsent(a, k -> new ArrayList<>()).add(i - from);
    }
    SignedEntry[] out = new SignedEntry[to - from];
    byAuthor.entrySet().parallelStream()
        .forEach(
            e -> {
              int a = e.getKey();
              for (int k : e.getValue()) {
                Instant at = Instant.ofEpochMilli(times[from + k]);
                EntryHeader h =
                    last[a] == null
                        ? EntryHeader.first(keys[a].did(), at)
                        : EntryHeader.after(last[a], lastCid[a], at);
                Post post = Post.of(h, texts[k]).withLangs(List.of("en")).withTags(tags.get(k));
                out[k] = SignedEntry.sign(post, keys[a]);
                last[a] = h;
                lastCid[a] = out[k].cid();
              }
            });
    return Arrays.asList(out);
  }

  /**
   * Who follows whom, after every chunk: each normal viewer follows {@value #FOLLOWS} distinct
   * random authors; the quiet viewer follows the five least active, the case PostgreSQL's best plan
   * handles worst (baselines.md).
   */
  List<SignedEntry> follows() {
    List<SignedEntry> out = new ArrayList<>();
    for (int v = 0; v <= VIEWERS; v++) {
      KeyPair key = viewer(v);
      List<Integer> followed = new ArrayList<>();
      if (isQuiet(v)) {
        for (int a = AUTHORS - 5; a < AUTHORS; a++) {
          followed.add(a);
        }
      } else {
        while (followed.size() < FOLLOWS) {
          int a = random.nextInt(AUTHORS);
          if (!followed.contains(a)) {
            followed.add(a);
          }
        }
      }
      EntryHeader h = null;
      Cid prev = null;
      for (int a : followed) {
        Instant at = Instant.ofEpochMilli(START);
        h = h == null ? EntryHeader.first(key.did(), at) : EntryHeader.after(h, prev, at);
        SignedEntry e = SignedEntry.sign(new Follow(h, author(a).did()), key);
        prev = e.cid();
        out.add(e);
      }
    }
    return out;
  }

  /**
   * The two-word searches, as pairs of distinct words drawn with their own seed from the 20th to
   * 220th most frequent corpus words: common, not stop words. Independent of the posts' random.
   */
  static List<String[]> searches() {
    List<String> words = frequentWords();
    Random r = new Random(7);
    List<String[]> out = new ArrayList<>(SEARCHES);
    while (out.size() < SEARCHES) {
      String a = words.get(r.nextInt(words.size()));
      String b = words.get(r.nextInt(words.size()));
      if (!a.equals(b)) {
        out.add(new String[] {a, b});
      }
    }
    return out;
  }

  private static List<String> frequentWords() {
    Map<String, Integer> counts = new HashMap<>();
    for (String line : SamplePosts.corpus()) {
      for (String w : line.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
        if (w.length() > 2) {
          counts.merge(w, 1, Integer::sum);
        }
      }
    }
    // Ties by word, so the list does not depend on HashMap iteration order.
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .skip(20)
        .limit(200)
        .map(Map.Entry::getKey)
        .toList();
  }
}
