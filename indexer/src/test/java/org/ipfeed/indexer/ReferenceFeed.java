package org.ipfeed.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
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
 * The rules of docs/index.md written the slow, obvious way, from the set of entries applied: no
 * Lucene (except the analyzer, so "contains the word" means what the index means by it), no shared
 * code with the index. The differential and crash tests compare the index against it.
 */
final class ReferenceFeed {

  /** A visible-or-not post as the rules define it. */
  private record RefPost(
      Cid id,
      Did author,
      Instant createdAt,
      SignedEntry shown,
      Set<Cid> versions,
      Optional<Cid> replyRoot,
      Optional<Cid> replyParent,
      Optional<Cid> community) {

    Post content() {
      return (Post) shown.entry();
    }
  }

  /** Ties on time go by the first 16 bytes of the id's digest, compared unsigned. */
  static final Comparator<Cid> ID_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(a.multihash().digest(), 0, 16, b.multihash().digest(), 0, 16);

  private static final Comparator<RefPost> OLDEST =
      Comparator.comparing(RefPost::createdAt).thenComparing(RefPost::id, ID_ORDER);
  private static final Comparator<RefPost> NEWEST = OLDEST.reversed();

  private final Map<Cid, RefPost> posts = new LinkedHashMap<>();
  private final Map<Cid, RefPost> hiddenPosts = new HashMap<>();
  private final Map<Did, Set<Did>> following = new HashMap<>();
  private final Map<Did, Set<Did>> blocks = new HashMap<>();
  private final Map<Did, Set<Did>> mutes = new HashMap<>();
  private final Map<Cid, Set<String>> likes = new HashMap<>();
  private final Map<Cid, Set<String>> reposts = new HashMap<>();
  private final Map<Cid, Long> replyCounts = new HashMap<>();
  private final Map<Cid, RefPost> byVersion = new HashMap<>();
  private final Map<RefPost, Set<String>> wordsOf = new HashMap<>();
  private final Analyzer analyzer = TextAnalysis.analyzer();

  ReferenceFeed(
      Collection<SignedEntry> applied,
      List<Mute> muteSequence,
      Set<Did> trusted,
      Set<String> hidingValues) {
    Map<Cid, SignedEntry> byCid = new LinkedHashMap<>();
    applied.forEach(e -> byCid.put(e.cid(), e));
    Set<String> tombstones = new HashSet<>();
    for (SignedEntry e : byCid.values()) {
      if (e.entry() instanceof Tombstone t) {
        tombstones.add(t.author() + " " + t.subject());
      }
    }
    java.util.function.Predicate<SignedEntry> deleted =
        e -> tombstones.contains(e.entry().author() + " " + e.cid());

    // Posts: originals with their own author's edits; the highest (seq, CID text) shows.
    Map<Cid, List<SignedEntry>> editsOf = new HashMap<>();
    for (SignedEntry e : byCid.values()) {
      if (e.entry() instanceof Post p && p.edits().isPresent()) {
        editsOf.computeIfAbsent(p.edits().get(), x -> new ArrayList<>()).add(e);
      }
    }
    Map<Cid, RefPost> all = new LinkedHashMap<>();
    for (SignedEntry e : byCid.values()) {
      if (!(e.entry() instanceof Post p) || p.edits().isPresent()) {
        continue;
      }
      List<SignedEntry> versions = new ArrayList<>(List.of(e));
      for (SignedEntry edit : editsOf.getOrDefault(e.cid(), List.of())) {
        if (edit.entry().author().equals(p.author())) {
          versions.add(edit);
        }
      }
      if (versions.stream().anyMatch(deleted)) {
        continue;
      }
      SignedEntry shown =
          versions.stream()
              .max(
                  Comparator.<SignedEntry>comparingLong(v -> v.entry().seq())
                      .thenComparing(v -> v.cid().toString()))
              .orElseThrow();
      Set<Cid> cids = new HashSet<>();
      versions.forEach(v -> cids.add(v.cid()));
      all.put(
          e.cid(),
          new RefPost(
              e.cid(),
              p.author(),
              p.header().createdAt(),
              shown,
              cids,
              p.reply().map(Post.Reply::root),
              p.reply().map(Post.Reply::parent),
              p.community()));
    }

    // Follows: per pair, the highest (seq, CID text) decides.
    Map<String, SignedEntry> decidingFollow = new HashMap<>();
    for (SignedEntry e : byCid.values()) {
      Did subject;
      if (e.entry() instanceof Follow f) {
        subject = f.subject();
      } else if (e.entry() instanceof Unfollow u) {
        subject = u.subject();
      } else {
        continue;
      }
      String key = e.entry().author() + " " + subject;
      SignedEntry current = decidingFollow.get(key);
      if (current == null || later(e, current)) {
        decidingFollow.put(key, e);
      }
    }
    for (SignedEntry e : decidingFollow.values()) {
      if (e.entry() instanceof Follow f) {
        following.computeIfAbsent(f.author(), x -> new HashSet<>()).add(f.subject());
      }
    }

    for (SignedEntry e : byCid.values()) {
      if (e.entry() instanceof Block b && !deleted.test(e)) {
        blocks.computeIfAbsent(b.author(), x -> new HashSet<>()).add(b.subject());
      }
      if (e.entry() instanceof Reaction r && !deleted.test(e)) {
        (r.kind() == Reaction.Kind.LIKE ? likes : reposts)
            .computeIfAbsent(r.subject(), x -> new HashSet<>())
            .add(r.author().toString());
      }
    }
    for (Mute m : muteSequence) {
      Set<Did> set = mutes.computeIfAbsent(m.viewer(), x -> new HashSet<>());
      if (m.muted()) {
        set.add(m.author());
      } else {
        set.remove(m.author());
      }
    }

    // Communities: the founder's charter with the highest (seq, CID text) names the moderators.
    Map<Cid, Did> founders = new HashMap<>();
    for (SignedEntry e : byCid.values()) {
      if (e.entry() instanceof Community c && c.amends().isEmpty()) {
        founders.put(e.cid(), c.author());
      }
    }
    Map<Cid, SignedEntry> currentCharter = new HashMap<>();
    for (SignedEntry e : byCid.values()) {
      if (e.entry() instanceof Community c) {
        Cid community = c.amends().orElse(e.cid());
        if (!c.author().equals(founders.get(community))) {
          continue;
        }
        SignedEntry best = currentCharter.get(community);
        if (best == null || later(e, best)) {
          currentCharter.put(community, e);
        }
      }
    }
    Map<Cid, Set<Did>> moderators = new HashMap<>();
    currentCharter.forEach(
        (c, e) -> {
          Set<Did> mods = new HashSet<>(((Community) e.entry()).moderators());
          mods.add(founders.get(c));
          moderators.put(c, mods);
        });

    // Labels: per (labeller, subject, value, community) the highest (seq, CID text) decides.
    Map<String, SignedEntry> decidingLabel = new HashMap<>();
    for (SignedEntry e : byCid.values()) {
      if (e.entry() instanceof Label l && !deleted.test(e)) {
        String key =
            l.author()
                + " "
                + subjectText(l.subject())
                + " "
                + l.value()
                + " "
                + l.community().map(Cid::toString).orElse("-");
        SignedEntry current = decidingLabel.get(key);
        if (current == null || later(e, current)) {
          decidingLabel.put(key, e);
        }
      }
    }
    List<Label> applying = new ArrayList<>();
    for (SignedEntry e : decidingLabel.values()) {
      Label l = (Label) e.entry();
      if (!l.negate() && hidingValues.contains(l.value())) {
        applying.add(l);
      }
    }
    for (RefPost p : all.values()) {
      boolean hidden = false;
      for (Label l : applying) {
        boolean names =
            l.subject() instanceof Subject.OfAuthor a
                ? a.did().equals(p.author())
                : p.versions().contains(((Subject.OfEntry) l.subject()).cid());
        if (!names) {
          continue;
        }
        if (trusted.contains(l.author())) {
          hidden = true;
        } else if (l.community().isPresent()
            && l.community().equals(p.community())
            && moderators.getOrDefault(l.community().get(), Set.of()).contains(l.author())) {
          hidden = true;
        }
      }
      if (hidden) {
        hiddenPosts.put(p.id(), p);
      } else {
        posts.put(p.id(), p);
        p.replyParent().ifPresent(parent -> replyCounts.merge(parent, 1L, Long::sum));
      }
      p.versions().forEach(v -> byVersion.put(v, p));
    }
  }

  private static boolean later(SignedEntry a, SignedEntry b) {
    if (a.entry().seq() != b.entry().seq()) {
      return a.entry().seq() > b.entry().seq();
    }
    return a.cid().toString().compareTo(b.cid().toString()) > 0;
  }

  private static String subjectText(Subject s) {
    return s instanceof Subject.OfAuthor a
        ? a.did().toString()
        : ((Subject.OfEntry) s).cid().toString();
  }

  // ---- reads ----

  Set<Did> following(Did viewer) {
    return following.getOrDefault(viewer, Set.of());
  }

  private Set<Did> excluded(Optional<Did> viewer, boolean withMutes) {
    Set<Did> out = new HashSet<>();
    if (viewer.isEmpty()) {
      return out;
    }
    Did v = viewer.get();
    out.addAll(blocks.getOrDefault(v, Set.of()));
    blocks.forEach(
        (blocker, blocked) -> {
          if (blocked.contains(v)) {
            out.add(blocker);
          }
        });
    if (withMutes) {
      out.addAll(mutes.getOrDefault(v, Set.of()));
    }
    return out;
  }

  List<PostView> home(Did viewer) {
    Set<Did> authors = new HashSet<>(following(viewer));
    authors.add(viewer);
    authors.removeAll(excluded(Optional.of(viewer), true));
    return list(p -> authors.contains(p.author()));
  }

  List<PostView> author(Did author, Optional<Did> viewer) {
    if (excluded(viewer, false).contains(author)) {
      return List.of();
    }
    return list(p -> p.author().equals(author));
  }

  List<PostView> community(Cid community, Optional<Did> viewer) {
    Set<Did> ex = excluded(viewer, true);
    return list(p -> p.community().equals(Optional.of(community)) && !ex.contains(p.author()));
  }

  List<PostView> tag(String tag, Optional<Did> viewer) {
    Set<Did> ex = excluded(viewer, true);
    return list(p -> p.content().tags().contains(tag) && !ex.contains(p.author()));
  }

  List<PostView> mentions(Did did, Optional<Did> viewer) {
    Set<Did> ex = excluded(viewer, true);
    return list(p -> p.content().mentions().contains(did) && !ex.contains(p.author()));
  }

  List<PostView> search(String word, Optional<Did> viewer) {
    Set<Did> ex = excluded(viewer, true);
    String w = word.toLowerCase(Locale.ROOT);
    return list(
        p ->
            !ex.contains(p.author())
                && wordsOf.computeIfAbsent(p, x -> words(x.content().text())).contains(w));
  }

  Optional<PostView> post(Cid cid) {
    RefPost p = byVersion.get(cid);
    return p == null || !posts.containsKey(p.id()) ? Optional.empty() : Optional.of(view(p));
  }

  Optional<ThreadView> thread(Cid cid, Optional<Did> viewer) {
    Optional<RefPost> target = Optional.ofNullable(byVersion.get(cid));
    if (target.isEmpty()) {
      return Optional.empty();
    }
    Cid rootId = target.get().replyRoot().orElse(target.get().id());
    Set<Did> ex = excluded(viewer, true);
    RefPost root = posts.get(rootId);
    if (root == null || ex.contains(root.author())) {
      return Optional.empty();
    }
    List<RefPost> replies =
        posts.values().stream()
            .filter(p -> p.replyRoot().equals(Optional.of(rootId)) && !ex.contains(p.author()))
            .sorted(OLDEST)
            .limit(FeedReads.MAX_THREAD_REPLIES)
            .toList();
    Set<Cid> shown = new HashSet<>();
    replies.forEach(r -> shown.add(r.id()));
    List<ThreadView.Reply> out = new ArrayList<>();
    addChildren(rootId, 1, replies, shown, rootId, out);
    return Optional.of(new ThreadView(view(root), out));
  }

  private void addChildren(
      Cid parent,
      int depth,
      List<RefPost> replies,
      Set<Cid> shown,
      Cid root,
      List<ThreadView.Reply> out) {
    for (RefPost r : replies) {
      Cid p = r.replyParent().filter(shown::contains).orElse(root);
      if (p.equals(parent)) {
        out.add(new ThreadView.Reply(view(r), depth));
        addChildren(r.id(), depth + 1, replies, shown, root, out);
      }
    }
  }

  private List<PostView> list(java.util.function.Predicate<RefPost> which) {
    return posts.values().stream().filter(which).sorted(NEWEST).map(this::view).toList();
  }

  private PostView view(RefPost p) {
    Post c = p.content();
    long replies = replyCounts.getOrDefault(p.id(), 0L);
    return new PostView(
        p.id(),
        p.shown().cid(),
        p.author(),
        c.seq(),
        p.createdAt(),
        c.text(),
        c.tags(),
        c.langs(),
        p.replyRoot(),
        p.replyParent(),
        p.community(),
        !p.shown().cid().equals(p.id()),
        likes.getOrDefault(p.id(), Set.of()).size(),
        reposts.getOrDefault(p.id(), Set.of()).size(),
        replies);
  }

  private Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    try (TokenStream ts = analyzer.tokenStream(IndexFields.TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Every post CID the reference knows, shown or not, for lookups. */
  Set<Cid> allPostIds() {
    Set<Cid> out = new HashSet<>(posts.keySet());
    out.addAll(hiddenPosts.keySet());
    return out;
  }

  Collection<Cid> communities() {
    Set<Cid> out = new HashSet<>();
    posts.values().forEach(p -> p.community().ifPresent(out::add));
    return out;
  }
}
