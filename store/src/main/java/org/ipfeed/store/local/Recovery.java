package org.ipfeed.store.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multihash;

/**
 * Opening a data directory: take the lock, check the flatfs layout, clear leftovers, load the pin
 * snapshot, and replay the journal into flatfs and the pin set. Afterwards flatfs holds every
 * acknowledged block, durably, and the journal is empty but for a fresh segment.
 *
 * <p>Replay applies records in order; a segment's replay stops at the first record that is cut
 * short or fails its CRC or CID check, and the next segment is replayed all the same. Only
 * acknowledged records were fsynced, so a tail cut short by a crash holds nothing anyone was told
 * is stored; stopping earlier than that means the disk damaged acknowledged data, which the report
 * says.
 */
final class Recovery {

  static final String LOCK_FILE = "LOCK";
  private static final int READ_BUFFER = 1 << 20;

  /** What the store starts from. */
  record Recovered(
      FileChannel lockChannel,
      FileLock lock,
      FlatFs flatfs,
      FlatfsSync sync,
      Set<Cid> pins,
      Segment first,
      RecoveryReport report) {}

  private Recovery() {}

  static Recovered run(LocalStoreConfig config) throws IOException {
    IoGuard.offEventLoop();
    long started = System.nanoTime();
    Path dataDir = config.dataDir();
    Files.createDirectories(dataDir);
    FileChannel lockChannel =
        FileChannel.open(
            dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new ConflictException(
          "store-in-use", dataDir + " is open in another block store (its LOCK is held)");
    }
    try {
      return recover(config, lockChannel, lock, started);
    } catch (IOException | RuntimeException e) {
      lock.release();
      lockChannel.close();
      throw e;
    }
  }

  private static Recovered recover(
      LocalStoreConfig config, FileChannel lockChannel, FileLock lock, long started)
      throws IOException {
    Path dataDir = config.dataDir();
    Path journalDir = dataDir.resolve("journal");
    Files.createDirectories(journalDir);
    FlatFs flatfs = new FlatFs(dataDir.resolve("blocks"));
    int strays = flatfs.prepare();
    if (PinSnapshot.removeStray(dataDir)) {
      strays++;
    }
    FlatfsSync sync = FlatfsSync.choose(config.flatfsSync(), flatfs);
    Set<Cid> pins = PinSnapshot.read(dataDir);

    List<Long> ids = Segment.list(journalDir);
    Replay replay = new Replay(flatfs, pins);
    for (long id : ids) {
      replay.segment(Segment.pathOf(journalDir, id));
    }
    if (!ids.isEmpty()) {
      // The order that makes a crash anywhere here harmless: blocks durable, then pins, then the
      // journal goes. Until the last step a second recovery would simply replay it all again.
      if (replay.records > 0) {
        sync.sync(replay.touched);
      }
      if (replay.pinRecords > 0) {
        PinSnapshot.write(dataDir, List.copyOf(pins));
      }
      for (long id : ids) {
        Files.deleteIfExists(Segment.pathOf(journalDir, id));
      }
      FlatfsSync.fsyncDirectory(journalDir);
    }
    long firstId = ids.isEmpty() ? 1 : ids.get(ids.size() - 1) + 1;
    Segment first = Segment.create(journalDir, firstId, sync.needsTouched());
    RecoveryReport report =
        new RecoveryReport(
            ids.size(),
            replay.records,
            replay.blocksWritten,
            replay.damaged,
            strays,
            sync.toString(),
            Duration.ofNanos(System.nanoTime() - started));
    return new Recovered(lockChannel, lock, flatfs, sync, pins, first, report);
  }

  /** Applies journal records to flatfs and the pin set, in order. */
  private static final class Replay {
    private final FlatFs flatfs;
    private final Set<Cid> pins;
    private final List<Multihash> touched = new ArrayList<>();
    private final List<String> damaged = new ArrayList<>();
    private long records;
    private long pinRecords;
    private long blocksWritten;

    Replay(FlatFs flatfs, Set<Cid> pins) {
      this.flatfs = flatfs;
      this.pins = pins;
    }

    void segment(Path path) throws IOException {
      JournalCodec.Reader reader = null;
      try (InputStream in = new BufferedInputStream(Files.newInputStream(path), READ_BUFFER)) {
        reader = new JournalCodec.Reader(in);
        JournalRecord record;
        while ((record = reader.next()) != null) {
          apply(record);
          records++;
        }
      } catch (JournalCodec.Stop stop) {
        long offset = reader == null ? 0 : reader.offset();
        damaged.add(path.getFileName() + " at byte " + offset + ": " + stop.getMessage());
      }
    }

    private void apply(JournalRecord record) throws IOException {
      if (record instanceof JournalRecord.Put put) {
        Multihash multihash = put.block().cid().multihash();
        // Even a file that reads back right may exist only in the page cache of a process that
        // died, so it is synced with the rest below either way.
        if (!flatfs.holds(put.block())) {
          flatfs.moveIntoPlace(flatfs.writeTemp(put.block()), multihash);
          blocksWritten++;
        }
        touched.add(multihash);
        if (put.pinned()) {
          pins.add(put.block().cid());
          pinRecords++;
        }
      } else if (record instanceof JournalRecord.Pin pin) {
        pins.add(pin.cid());
        pinRecords++;
      } else if (record instanceof JournalRecord.Unpin unpin) {
        pins.remove(unpin.cid());
        pinRecords++;
      } else if (record instanceof JournalRecord.Delete delete) {
        Multihash multihash = delete.cid().multihash();
        flatfs.delete(multihash);
        touched.add(multihash);
      }
    }
  }
}
