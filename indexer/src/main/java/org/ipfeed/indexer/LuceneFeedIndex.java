package org.ipfeed.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;

/**
 * {@link FeedIndex} on one Lucene index in a directory.
 *
 * <p>Threads: one writer thread owns the {@link IndexWriter} and the {@link IndexApplier}; {@link
 * #apply} and {@link #commit} from any thread queue onto it and wait, so batches are serialised and
 * a commit always falls between two batches, never inside one. Commits happen after {@link
 * IndexConfig#commitEveryOps()} operations, when the oldest uncommitted change is {@link
 * IndexConfig#commitInterval()} old, and on close. A refresh thread reopens the near-real-time
 * searcher every {@link IndexConfig#refreshInterval()}; reads acquire the current searcher and
 * release it in {@code finally}.
 *
 * <p>Failure: if applying a batch fails half-way, the index cannot promise the batch is all-or-
 * nothing any more, so it rolls the writer back to the last commit and refuses further writes;
 * {@link #checkpoints()} then tells the truth about the last commit and the caller reopens.
 */
public final class LuceneFeedIndex implements FeedIndex {

  /**
   * Written into every commit; an index of another format is refused, not misread. 2: posts have
   * author doc values. 3: an original post's cid and version are its id, not stored again. 4: lists
   * end their order on the id's digest as numbers ({@link IdOrder}), not its text; so does the
   * index sort.
   */
  static final String FORMAT_KEY = "ipfeed.index.format";

  public static final String FORMAT = "4";

  private final IndexConfig config;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final IndexApplier applier;
  private final FeedReads reads;
  private final ScheduledExecutorService writerThread;
  private final ScheduledExecutorService refreshThread;
  private final Map<Did, Checkpoint> checkpoints = new ConcurrentHashMap<>();

  // Owned by the writer thread.
  private long opsSinceCommit;
  private long oldestUncommittedNanos;

  private volatile Throwable failure;
  private volatile boolean closed;

  private LuceneFeedIndex(IndexConfig config, Directory directory) throws IOException {
    this.config = config;
    this.directory = directory;
    checkFormat(directory);
    Analyzer analyzer = TextAnalysis.analyzer();
    this.reads = new FeedReads(analyzer);
    IndexWriterConfig iwc =
        new IndexWriterConfig(analyzer)
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
            .setRAMBufferSizeMB(config.ramBufferMb())
            .setIndexSort(FeedReads.NEWEST)
            .setCodec(FeedCodec.instance())
            .setCommitOnClose(false);
    this.writer = new IndexWriter(directory, iwc);
    writer.setLiveCommitData(Map.of(FORMAT_KEY, FORMAT).entrySet());
    if (!DirectoryReader.indexExists(directory)) {
      writer.commit();
    }
    this.searchers = new SearcherManager(writer, new FeedSearcher.Factory(new Moderation(config)));
    IndexSearcher s = searchers.acquire();
    try {
      checkpoints.putAll(reads.checkpoints(s));
    } finally {
      searchers.release(s);
    }
    this.applier = new IndexApplier(writer, checkpoints);
    this.writerThread = Executors.newSingleThreadScheduledExecutor(named("ipfeed-index-writer"));
    this.refreshThread = Executors.newSingleThreadScheduledExecutor(named("ipfeed-index-refresh"));
    long refreshMs = config.refreshInterval().toMillis();
    refreshThread.scheduleWithFixedDelay(
        this::refreshInBackground, refreshMs, refreshMs, TimeUnit.MILLISECONDS);
    long tickMs = Math.max(10, config.commitInterval().toMillis() / 4);
    writerThread.scheduleWithFixedDelay(this::commitIfDue, tickMs, tickMs, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens the index in {@code dir}, creating it if there is none.
   *
   * @throws UncheckedIOException when the directory cannot be opened or locked (another process has
   *     the index open)
   * @throws IllegalStateException when the directory holds an index of another format, or with
   *     segments of a codec this version does not know: rebuild it with {@code ipfeed reindex}
   */
  public static LuceneFeedIndex open(Path dir, IndexConfig config) {
    Directory directory = null;
    try {
      directory = FSDirectory.open(dir);
      return new LuceneFeedIndex(config, directory);
    } catch (IOException | RuntimeException e) {
      if (directory != null) {
        try {
          directory.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot open the index in " + dir, io);
      }
      throw (RuntimeException) e;
    }
  }

  private static void checkFormat(Directory directory) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return;
    }
    SegmentInfos latest;
    try {
      latest = SegmentInfos.readLatestCommit(directory);
    } catch (IllegalArgumentException unknownCodec) {
      // Lucene names each segment's codec; a name this version does not know (a newer ipfeed's
      // codec) is the same situation as a newer format: the index must be rebuilt, not misread.
      throw new IllegalStateException(
          "the index in "
              + directory
              + " was written with a codec this version does not know ("
              + unknownCodec.getMessage()
              + "); rebuild it with ipfeed reindex",
          unknownCodec);
    }
    String format = latest.getUserData().get(FORMAT_KEY);
    if (!FORMAT.equals(format)) {
      throw new IllegalStateException(
          "the index in "
              + directory
              + " has format "
              + format
              + ", this version reads "
              + FORMAT
              + "; rebuild it with ipfeed reindex");
    }
  }

  // ---- writes ----

  @Override
  public void apply(IndexBatch batch) {
    onWriter(
        () -> {
          List<Checkpoint> changed;
          try {
            changed = applier.apply(batch);
          } catch (IOException | RuntimeException | Error e) {
            fail(e);
            throw e;
          }
          for (Checkpoint c : changed) {
            checkpoints.put(c.author(), c);
          }
          int ops = batch.entries().size() + batch.mutes().size() + batch.checkpoints().size();
          if (ops > 0) {
            if (opsSinceCommit == 0) {
              oldestUncommittedNanos = System.nanoTime();
            }
            opsSinceCommit += ops;
            if (opsSinceCommit >= config.commitEveryOps()) {
              commitOnWriter();
            }
          }
          return null;
        });
  }

  @Override
  public void commit() {
    onWriter(
        () -> {
          commitOnWriter();
          return null;
        });
  }

  /**
   * Makes everything applied so far visible to reads now, instead of at the next background
   * refresh. For tests and tools that read right after they write.
   */
  public void refresh() {
    requireOpen();
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void commitOnWriter() throws IOException {
    try {
      applier.writeCheckpoints();
      writer.commit();
    } catch (IOException | RuntimeException | Error e) {
      fail(e);
      throw e;
    }
    opsSinceCommit = 0;
  }

  private void commitIfDue() {
    if (failure != null || closed || opsSinceCommit == 0) {
      return;
    }
    long age = System.nanoTime() - oldestUncommittedNanos;
    if (age >= config.commitInterval().toNanos()) {
      try {
        commitOnWriter();
      } catch (IOException | RuntimeException e) {
        // fail() has recorded it: the next apply or commit reports it to a caller.
        assert failure != null;
      }
    }
  }

  private void refreshInBackground() {
    if (failure != null || closed) {
      return;
    }
    try {
      searchers.maybeRefresh();
    } catch (AlreadyClosedException e) {
      // Closing raced the schedule; nothing left to refresh.
      assert closed || failure != null;
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /**
   * Rolls back to the last commit after a failure inside a write, so no half batch is ever
   * committed, and reloads the checkpoints that commit holds.
   */
  private void fail(Throwable cause) {
    if (failure != null) {
      return;
    }
    failure = cause;
    try {
      writer.rollback();
      try (DirectoryReader committed = DirectoryReader.open(directory)) {
        Map<Did, Checkpoint> truth = reads.checkpoints(new IndexSearcher(committed));
        checkpoints.keySet().retainAll(truth.keySet());
        checkpoints.putAll(truth);
      }
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private <T> T onWriter(Callable<T> task) {
    requireOpen();
    Future<T> future;
    try {
      future = writerThread.submit(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      throw new IllegalStateException("the index is closed", e);
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          // The write is under way and cannot be half undone; wait for it, then pass it on.
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          if (cause instanceof IOException io) {
            throw new UncheckedIOException(io.getMessage(), io);
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the index is closed");
    }
    Throwable f = failure;
    if (f != null) {
      throw new IllegalStateException(
          "the index failed and rolled back to its last commit; reopen it", f);
    }
  }

  // ---- reads ----

  @Override
  public Optional<Checkpoint> checkpoint(Did author) {
    return Optional.ofNullable(checkpoints.get(author));
  }

  @Override
  public Map<Did, Checkpoint> checkpoints() {
    return Map.copyOf(checkpoints);
  }

  @Override
  public Page<PostView> homeTimeline(Did viewer, PageRequest page) {
    return read(s -> reads.homeTimeline(s, viewer, page));
  }

  @Override
  public Page<PostView> authorFeed(Did author, Optional<Did> viewer, PageRequest page) {
    return read(s -> reads.authorFeed(s, author, viewer, page));
  }

  @Override
  public Page<PostView> communityFeed(Cid community, Optional<Did> viewer, PageRequest page) {
    return read(s -> reads.byField(s, IndexFields.COMMUNITY, community.toString(), viewer, page));
  }

  /** Matches the tag in lower case, with or without a leading {@code #}. */
  @Override
  public Page<PostView> tagFeed(String tag, Optional<Did> viewer, PageRequest page) {
    String t = tag.startsWith("#") ? tag.substring(1) : tag;
    String normal = t.toLowerCase(java.util.Locale.ROOT);
    return read(s -> reads.byField(s, IndexFields.TAG, normal, viewer, page));
  }

  @Override
  public Page<PostView> mentions(Did did, Optional<Did> viewer, PageRequest page) {
    return read(s -> reads.byField(s, IndexFields.MENTION, did.toString(), viewer, page));
  }

  @Override
  public Optional<PostView> post(Cid cid) {
    return read(s -> reads.post(s, cid));
  }

  @Override
  public Optional<ThreadView> thread(Cid cid, Optional<Did> viewer) {
    return read(s -> reads.thread(s, cid, viewer));
  }

  @Override
  public Page<SearchHit> search(SearchRequest request) {
    return read(s -> reads.search(s, request));
  }

  @Override
  public Set<Did> following(Did viewer) {
    return read(s -> Set.copyOf(reads.following(s, viewer)));
  }

  private interface Read<T> {
    T on(FeedSearcher searcher) throws IOException;
  }

  private <T> T read(Read<T> read) {
    if (closed) {
      throw new IllegalStateException("the index is closed");
    }
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return read.on((FeedSearcher) s);
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- lifecycle ----

  /** Commits what was applied (unless the index failed), then releases every file and thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    IOException problem = null;
    // Never interrupt: an interrupt during channel I/O closes the channel, and if that channel
    // holds the index's write lock, Lucene refuses every later write.
    refreshThread.shutdown();
    try {
      refreshThread.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure == null) {
      try {
        onWriter(
            () -> {
              commitOnWriter();
              return null;
            });
      } catch (RuntimeException e) {
        problem = new IOException("the final commit failed", e);
      }
    }
    closed = true;
    writerThread.shutdown();
    try {
      if (!writerThread.awaitTermination(1, TimeUnit.MINUTES)) {
        problem = addTo(problem, new IOException("the writer thread did not stop"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (AutoCloseable c : List.<AutoCloseable>of(applier, searchers, writer, directory)) {
      try {
        c.close();
      } catch (Exception e) {
        problem = addTo(problem, e instanceof IOException io ? io : new IOException(e));
      }
    }
    if (problem != null) {
      throw new UncheckedIOException("closing the index failed", problem);
    }
  }

  private static IOException addTo(IOException first, IOException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
