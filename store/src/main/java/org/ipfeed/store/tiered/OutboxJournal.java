package org.ipfeed.store.tiered;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.multiformats.Cid;

/**
 * The outbox's durable log: one line per event, appended and fsync'd in batches, replayed at
 * start-up; see the package documentation for the format and the crash argument.
 *
 * <p>Blocking, and not thread-safe: the outbox calls it from its single journal thread only.
 */
final class OutboxJournal implements AutoCloseable {

  static final String LOG = "outbox.log";
  static final String LOCK = "outbox.lock";
  static final String TMP = "outbox.log.tmp";

  /** An entry whose push the node has not confirmed. */
  record Pending(long seq, OutboxOp op, Cid cid) {}

  private final Path dir;
  private final long compactBytes;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Map<Long, String> live = new LinkedHashMap<>();
  private FileChannel log;
  private long size;
  private long liveBytes;
  private IOException broken;

  private OutboxJournal(Path dir, long compactBytes, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.compactBytes = compactBytes;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir}, replays its log and rewrites it with only the pending entries.
   *
   * @throws ConflictException {@code outbox-locked} when another store holds the directory
   * @throws IntegrityException {@code outbox-corrupt} when a line other than an unfinished last
   *     write is damaged
   */
  static OutboxJournal open(Path dir, long compactBytes) throws IOException {
    Files.createDirectories(dir);
    FileChannel lockChannel =
        FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new ConflictException(
          "outbox-locked", "another tiered store is using the outbox in " + dir);
    }
    OutboxJournal journal = new OutboxJournal(dir, compactBytes, lockChannel, lock);
    try {
      journal.replay();
      journal.compact();
    } catch (IOException | RuntimeException e) {
      journal.close();
      throw e;
    }
    return journal;
  }

  /** The entries still pending, oldest first. */
  List<Pending> pending() {
    List<Pending> out = new ArrayList<>(live.size());
    for (String line : live.values()) {
      out.add(parsePending(line.substring(9, line.length() - 1)));
    }
    return out;
  }

  static String pendingLine(long seq, OutboxOp op, Cid cid) {
    return line("P " + seq + " " + op.word() + " " + cid);
  }

  static String doneLine(long seq) {
    return line("D " + seq);
  }

  /**
   * Appends the lines and forces them to disk. After a failed write the journal refuses every later
   * one: what reached the file is unknown, so the process must restart and replay.
   */
  void append(List<String> lines) throws IOException {
    if (broken != null) {
      throw new IOException("the outbox journal failed earlier and refuses writes", broken);
    }
    StringBuilder text = new StringBuilder();
    for (String l : lines) {
      text.append(l);
    }
    try {
      writeFully(log, StandardCharsets.ISO_8859_1.encode(text.toString()));
      log.force(false);
    } catch (IOException e) {
      broken = e;
      throw e;
    }
    for (String l : lines) {
      size += l.length();
      apply(l.substring(9, l.length() - 1), l);
    }
    if (size >= compactBytes && liveBytes * 2 <= size) {
      try {
        compact();
      } catch (IOException e) {
        broken = e;
        throw e;
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (log != null) {
        log.close();
      }
    } finally {
      try {
        lock.release();
      } finally {
        lockChannel.close();
      }
    }
  }

  private void replay() throws IOException {
    Path file = dir.resolve(LOG);
    if (!Files.exists(file)) {
      return;
    }
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    List<String> complete = new ArrayList<>();
    int start = 0;
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      complete.add(text.substring(start, nl + 1));
      start = nl + 1;
    }
    // A write that never finished leaves damage only after the last line that was fsync'd:
    // damage before a good line is a damaged disk, not a crash.
    int lastGood = -1;
    for (int i = 0; i < complete.size(); i++) {
      if (payloadOf(complete.get(i)) != null) {
        lastGood = i;
      }
    }
    for (int i = 0; i <= lastGood; i++) {
      String payload = payloadOf(complete.get(i));
      if (payload == null) {
        throw new IntegrityException(
            "outbox-corrupt",
            "line "
                + (i + 1)
                + " of "
                + file
                + " is damaged and later lines are not; the outbox cannot be trusted");
      }
      apply(payload, complete.get(i));
    }
  }

  /** Applies one good line to the live set. */
  private void apply(String payload, String line) {
    if (payload.startsWith("P ")) {
      Pending p = parsePending(payload);
      if (live.put(p.seq(), line) == null) {
        liveBytes += line.length();
      }
    } else {
      String removed = live.remove(Long.parseLong(payload.substring(2)));
      if (removed != null) {
        liveBytes -= removed.length();
      }
    }
  }

  /** Writes the live lines to a new file and swaps it in: temp file, fsync, rename, fsync dir. */
  private void compact() throws IOException {
    Path tmp = dir.resolve(TMP);
    StringBuilder text = new StringBuilder();
    for (String l : live.values()) {
      text.append(l);
    }
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(out, StandardCharsets.ISO_8859_1.encode(text.toString()));
      out.force(true);
    }
    // Either file is a valid journal (the old one holds every live line too), so a crash
    // anywhere here loses nothing; the old channel is closed only once the new one is open.
    Files.move(tmp, dir.resolve(LOG), StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
    FileChannel old = log;
    log = FileChannel.open(dir.resolve(LOG), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (old != null) {
      old.close();
    }
    size = text.length();
    liveBytes = size;
  }

  private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /**
   * {@code <crc32c of payload, 8 hex digits> <payload>\n}. Written lines are ASCII; the file is
   * read as ISO-8859-1 so that any damaged byte is still one character and fails the checksum.
   */
  private static String line(String payload) {
    return String.format("%08x", crc(payload)) + " " + payload + "\n";
  }

  /** The payload of a well-formed line whose checksum matches, or null. */
  private static String payloadOf(String line) {
    if (line.length() < 11 || line.charAt(8) != ' ' || !line.endsWith("\n")) {
      return null;
    }
    String payload = line.substring(9, line.length() - 1);
    long stored;
    try {
      stored = Long.parseLong(line.substring(0, 8), 16);
    } catch (NumberFormatException e) {
      return null;
    }
    if (stored != crc(payload) || !wellFormed(payload)) {
      return null;
    }
    return payload;
  }

  private static boolean wellFormed(String payload) {
    try {
      if (payload.startsWith("P ")) {
        parsePending(payload);
        return true;
      }
      if (payload.startsWith("D ")) {
        Long.parseLong(payload.substring(2));
        return true;
      }
      return false;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Pending parsePending(String payload) {
    String[] parts = payload.split(" ");
    if (parts.length != 4) {
      throw new IllegalArgumentException("a pending line has four fields: " + payload);
    }
    return new Pending(Long.parseLong(parts[1]), OutboxOp.parse(parts[2]), Cid.parse(parts[3]));
  }

  private static long crc(String payload) {
    CRC32C crc = new CRC32C();
    crc.update(payload.getBytes(StandardCharsets.ISO_8859_1));
    return crc.getValue();
  }
}
