package org.ipfeed.indexer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.ipfeed.schema.entry.Block;
import org.ipfeed.schema.entry.Community;
import org.ipfeed.schema.entry.Follow;
import org.ipfeed.schema.entry.Label;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.Reaction;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.entry.Subject;
import org.ipfeed.schema.entry.Tombstone;
import org.ipfeed.schema.entry.Unfollow;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * A seeded social network: authors writing posts from the fortune corpus, replies, tags, mentions,
 * communities, edits, tombstones, follows and unfollows, reactions, blocks and labels, with a share
 * of entries that break a rule on purpose (editing or deleting someone else's entry). Each author's
 * entries are a proper log (seq, prev); times are coarse, so many posts share a millisecond and the
 * id tie-break matters.
 */
final class FeedScenario {

  static final List<String> TAGS =
      List.of("cats", "rust", "jazz", "birds", "spring", "news", "art", "garden");
  static final List<String> LABELS = List.of("spam", "hide", "nsfw", "approved");
  static final List<String> LANGS = List.of("en", "pt-BR", "de");

  /** Authors 0 and 1 are the gateway's trusted moderators. */
  static final int TRUSTED = 2;

  final List<TestLog> authors = new ArrayList<>();
  final List<SignedEntry> entries = new ArrayList<>();

  /** Local mutes, in the order the gateway would apply them. */
  final List<Mute> mutes = new ArrayList<>();

  private final Random random;
  private final List<String> corpus;
  private final List<SignedEntry> originals = new ArrayList<>();
  private final Map<Did, List<SignedEntry>> ownEntries = new HashMap<>();
  private final Map<Cid, Post> postsByCid = new HashMap<>();
  private final Map<Cid, Did> communityFounders = new LinkedHashMap<>();
  private final Map<Cid, List<Did>> communityModerators = new HashMap<>();

  FeedScenario(long seed, int authorCount, int entryCount) {
    this.random = new Random(seed);
    this.corpus = corpus();
    for (int i = 0; i < authorCount; i++) {
      authors.add(new TestLog(1_000 + i + (int) (seed % 1_000) * 1_000));
    }
    for (int i = 0; i < entryCount; i++) {
      TestLog author = pick(authors);
      SignedEntry e = next(author);
      entries.add(e);
      ownEntries.computeIfAbsent(author.did(), d -> new ArrayList<>()).add(e);
      if (e.entry() instanceof Post p) {
        postsByCid.put(e.cid(), p);
        if (p.edits().isEmpty()) {
          originals.add(e);
        }
      }
      if (random.nextInt(60) == 0) {
        mutes.add(new Mute(pick(authors).did(), pick(authors).did(), random.nextInt(3) > 0));
      }
    }
  }

  Set<Did> trusted() {
    Set<Did> out = new java.util.HashSet<>();
    for (int i = 0; i < TRUSTED; i++) {
      out.add(authors.get(i).did());
    }
    return out;
  }

  static List<String> corpus() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                FeedScenario.class.getResourceAsStream("/corpus/posts.txt"),
                StandardCharsets.UTF_8))) {
      return in.lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Instant time() {
    // About 7,000 distinct minutes over five days: timelines of thousands of posts tie often.
    return TestLog.EPOCH.plus(Duration.ofMinutes(random.nextInt(7_000)));
  }

  private SignedEntry next(TestLog a) {
    Instant at = time();
    int roll = random.nextInt(100);
    if (roll < 40 || originals.isEmpty()) {
      return a.nextAt(at, h -> post(h));
    }
    if (roll < 47) {
      SignedEntry target = ownOriginal(a).orElse(pick(originals));
      if (!target.entry().author().equals(a.did()) && random.nextInt(4) > 0) {
        return a.nextAt(at, h -> post(h));
      }
      return a.nextAt(at, h -> Post.of(h, text()).withTags(tags()).withEdits(target.cid()));
    }
    if (roll < 53) {
      List<SignedEntry> mine = ownEntries.getOrDefault(a.did(), List.of());
      SignedEntry target = mine.isEmpty() || random.nextInt(12) == 0 ? pick(entries) : pick(mine);
      return a.nextAt(at, h -> new Tombstone(h, target.cid()));
    }
    if (roll < 61) {
      Did s = pick(authors).did();
      return a.nextAt(at, h -> new Follow(h, s));
    }
    if (roll < 64) {
      Did s = pick(authors).did();
      return a.nextAt(at, h -> new Unfollow(h, s));
    }
    if (roll < 80) {
      SignedEntry target = pick(originals);
      Cid subject = target.cid();
      Reaction.Kind kind = random.nextInt(10) < 7 ? Reaction.Kind.LIKE : Reaction.Kind.REPOST;
      return a.nextAt(at, h -> new Reaction(h, kind, subject));
    }
    if (roll < 82) {
      Did s = pick(authors).did();
      return a.nextAt(at, h -> new Block(h, s));
    }
    if (roll < 88) {
      return a.nextAt(at, h -> label(h, a.did()));
    }
    if (roll < 90) {
      return charter(a, at);
    }
    return a.nextAt(at, h -> post(h));
  }

  private Post post(org.ipfeed.schema.entry.EntryHeader h) {
    Post p = Post.of(h, text()).withTags(tags());
    if (random.nextInt(10) == 0) {
      p = p.withMentions(List.of(pick(authors).did()));
    }
    if (random.nextInt(5) == 0) {
      p = p.withLangs(List.of(pick(LANGS)));
    }
    if (!originals.isEmpty() && random.nextInt(10) < 3) {
      SignedEntry parent = pick(originals);
      Post pp = (Post) parent.entry();
      Cid root = pp.reply().map(Post.Reply::root).orElse(parent.cid());
      p = p.withReply(new Post.Reply(root, parent.cid()));
    }
    if (!communityFounders.isEmpty() && random.nextInt(6) == 0) {
      p = p.withCommunity(pick(new ArrayList<>(communityFounders.keySet())));
    }
    return p;
  }

  private Label label(org.ipfeed.schema.entry.EntryHeader h, Did labeler) {
    Subject subject;
    int kind = random.nextInt(10);
    if (kind < 2) {
      subject = Subject.of(pick(authors).did());
    } else if (kind < 3 && !postsByCid.isEmpty()) {
      subject = Subject.of(pick(entries).cid());
    } else {
      subject = Subject.of(pick(originals).cid());
    }
    Optional<Cid> community = Optional.empty();
    if (!communityFounders.isEmpty() && random.nextBoolean()) {
      community = Optional.of(pick(new ArrayList<>(communityFounders.keySet())));
    }
    return new Label(h, subject, pick(LABELS), community, random.nextInt(5) == 0);
  }

  private SignedEntry charter(TestLog a, Instant at) {
    List<Cid> mine = new ArrayList<>();
    communityFounders.forEach(
        (c, f) -> {
          if (f.equals(a.did())) {
            mine.add(c);
          }
        });
    List<Did> mods = new ArrayList<>();
    int n = random.nextInt(3);
    for (int i = 0; i < n; i++) {
      Did m = pick(authors).did();
      if (!mods.contains(m)) {
        mods.add(m);
      }
    }
    if (!communityFounders.isEmpty() && random.nextInt(3) == 0) {
      // An amendment, by the founder or (ignored) by someone else.
      Cid c =
          mine.isEmpty() || random.nextInt(4) == 0
              ? pick(new ArrayList<>(communityFounders.keySet()))
              : pick(mine);
      SignedEntry e =
          a.nextAt(
              at,
              h ->
                  new Community(
                      h,
                      "amended",
                      Optional.empty(),
                      List.of(),
                      mods,
                      Community.Admission.OPEN,
                      Community.Governance.defaults(),
                      Optional.of(c)));
      if (communityFounders.get(c).equals(a.did())) {
        communityModerators.put(c, mods);
      }
      return e;
    }
    SignedEntry e =
        a.nextAt(
            at,
            h ->
                new Community(
                    h,
                    "community " + communityFounders.size(),
                    Optional.empty(),
                    List.of(),
                    mods,
                    Community.Admission.OPEN,
                    Community.Governance.defaults(),
                    Optional.empty()));
    communityFounders.put(e.cid(), a.did());
    communityModerators.put(e.cid(), mods);
    return e;
  }

  private Optional<SignedEntry> ownOriginal(TestLog a) {
    List<SignedEntry> mine =
        ownEntries.getOrDefault(a.did(), List.of()).stream()
            .filter(e -> e.entry() instanceof Post p && p.edits().isEmpty())
            .toList();
    return mine.isEmpty() ? Optional.empty() : Optional.of(pick(mine));
  }

  private String text() {
    return pick(corpus);
  }

  private List<String> tags() {
    int n = random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(2);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String t = pick(TAGS);
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** The entries in a seeded shuffle, with some repeated, cut into batches of random sizes. */
  List<List<SignedEntry>> shuffledBatches(long seed, int batches) {
    Random r = new Random(seed);
    List<SignedEntry> order = new ArrayList<>(entries);
    for (int i = 0; i < entries.size() / 20; i++) {
      order.add(entries.get(r.nextInt(entries.size())));
    }
    java.util.Collections.shuffle(order, r);
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i < batches - 1; i++) {
      cuts.add(r.nextInt(order.size()));
    }
    cuts.add(order.size());
    java.util.Collections.sort(cuts);
    List<List<SignedEntry>> out = new ArrayList<>();
    int from = 0;
    for (int to : cuts) {
      out.add(List.copyOf(order.subList(from, to)));
      from = to;
    }
    return out;
  }
}
