package org.ipfeed.store.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.ipfeed.schema.multiformats.Multihash;

/**
 * One journal segment, {@code journal/<id>.log}, and what must happen before it may be deleted.
 *
 * <p>Only the writer appends, and only while the segment is open. Once {@link #close closed} (its
 * last batch fsynced) the segment waits for the materializer to bring {@link #pending} to zero; the
 * checkpointer then makes flatfs durable, snapshots the pins if this segment changed them, and
 * deletes the file.
 */
final class Segment {

  private static final String SUFFIX = ".log";

  private final long id;
  private final Path path;
  private final AtomicInteger pending = new AtomicInteger();
  private final ConcurrentLinkedQueue<Multihash> touched;
  private FileChannel channel;
  private long size;
  private int records;
  private boolean pinsChanged;
  private volatile boolean closed;

  private Segment(long id, Path path, boolean recordTouched) {
    this.id = id;
    this.path = path;
    this.touched = recordTouched ? new ConcurrentLinkedQueue<>() : null;
  }

  static Path pathOf(Path journalDir, long id) {
    return journalDir.resolve(String.format("%020d%s", id, SUFFIX));
  }

  /** The ids of the segments in {@code journalDir}, oldest first. */
  static List<Long> list(Path journalDir) throws IOException {
    IoGuard.offEventLoop();
    List<Long> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(journalDir, "*" + SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String digits = name.substring(0, name.length() - SUFFIX.length());
        if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
          ids.add(Long.parseLong(digits));
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  /**
   * Creates segment {@code id} with its header, durable (file and directory entry) before any
   * record is appended, so that a record's fsync is all an acknowledgement needs.
   */
  static Segment create(Path journalDir, long id, boolean recordTouched) throws IOException {
    IoGuard.offEventLoop();
    Segment segment = new Segment(id, pathOf(journalDir, id), recordTouched);
    segment.channel =
        FileChannel.open(segment.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    segment.append(JournalCodec.HEADER, JournalCodec.HEADER.length);
    segment.channel.force(true);
    FlatfsSync.fsyncDirectory(journalDir);
    return segment;
  }

  long id() {
    return id;
  }

  Path path() {
    return path;
  }

  long size() {
    return size;
  }

  /** Appends bytes; not durable until {@link #force}. Writer thread only. */
  void append(byte[] bytes, int length) throws IOException {
    IoGuard.offEventLoop();
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    size += length;
  }

  /** Counts a record written; writer thread only, read by the checkpointer once closed. */
  void recordWritten() {
    records++;
  }

  int records() {
    return records;
  }

  /** Makes every appended byte durable: the group commit. Writer thread only. */
  void force() throws IOException {
    IoGuard.offEventLoop();
    channel.force(false);
  }

  /** Ends appending; the segment may retire once nothing is pending. Writer thread only. */
  void close() throws IOException {
    IoGuard.offEventLoop();
    channel.close();
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  /** Blocks of this segment still on their way into flatfs. */
  AtomicInteger pending() {
    return pending;
  }

  /** Written by the writer while open; read by the checkpointer after {@link #isClosed}. */
  void markPinsChanged() {
    pinsChanged = true;
  }

  boolean pinsChanged() {
    return pinsChanged;
  }

  /** Notes a block written or removed in flatfs, for syncs that go file by file. */
  void touched(Multihash multihash) {
    if (touched != null) {
      touched.add(multihash);
    }
  }

  Iterable<Multihash> touched() {
    return touched != null ? touched : List.of();
  }

  void delete() throws IOException {
    IoGuard.offEventLoop();
    Files.deleteIfExists(path);
  }

  @Override
  public String toString() {
    return path.getFileName().toString();
  }
}
