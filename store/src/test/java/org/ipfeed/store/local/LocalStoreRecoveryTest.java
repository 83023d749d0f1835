package org.ipfeed.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipfeed.store.local.StoreTesting.assertNoTempFiles;
import static org.ipfeed.store.local.StoreTesting.await;
import static org.ipfeed.store.local.StoreTesting.block;
import static org.ipfeed.store.local.StoreTesting.failure;
import static org.ipfeed.store.local.StoreTesting.segments;
import static org.ipfeed.store.local.StoreTesting.smallConfig;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32C;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery from journals written by hand: what a crash (or a damaged disk) leaves behind, without
 * having to crash anything.
 */
@ExtendWith(VertxExtension.class)
class LocalStoreRecoveryTest {

  @TempDir Path dir;
  private Vertx vertx;
  private LocalBlockStore store;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    Files.createDirectories(dir.resolve("journal"));
  }

  @AfterEach
  void tearDown() {
    if (store != null) {
      store.close().toCompletionStage().toCompletableFuture().exceptionally(e -> null).join();
    }
  }

  private LocalBlockStore open() {
    store = await(LocalBlockStore.open(vertx, smallConfig(dir)));
    return store;
  }

  /** Encodes records as segment {@code id}, with {@code tail} appended after them. */
  private void writeSegment(long id, List<JournalRecord> records, byte[] tail) throws Exception {
    Files.write(Segment.pathOf(dir.resolve("journal"), id), segmentBytes(records, tail));
  }

  private static byte[] segmentBytes(List<JournalRecord> records, byte[] tail) {
    JournalCodec.Buffer buffer = new JournalCodec.Buffer(64);
    records.forEach(r -> JournalCodec.encode(r, buffer));
    byte[] out = new byte[JournalCodec.HEADER.length + buffer.size() + tail.length];
    System.arraycopy(JournalCodec.HEADER, 0, out, 0, JournalCodec.HEADER.length);
    System.arraycopy(buffer.array(), 0, out, JournalCodec.HEADER.length, buffer.size());
    System.arraycopy(tail, 0, out, JournalCodec.HEADER.length + buffer.size(), tail.length);
    return out;
  }

  private static JournalRecord put(Block block) {
    return new JournalRecord.Put(block, false);
  }

  @Test
  void aTornTailLosesOnlyTheRecordItCut() throws Exception {
    Block a = block(1, 1024);
    Block b = block(2, 1024);
    Block torn = block(3, 1024);
    byte[] tornRecord = segmentBytes(List.of(put(torn)), new byte[0]);
    byte[] half =
        Arrays.copyOfRange(
            tornRecord, JournalCodec.HEADER.length, JournalCodec.HEADER.length + 600);
    writeSegment(1, List.of(put(a), new JournalRecord.Put(b, true)), half);

    open();

    assertThat(await(store.get(a.cid()))).isEqualTo(a);
    assertThat(await(store.get(b.cid()))).isEqualTo(b);
    assertThat(await(store.isPinned(b.cid()))).isTrue();
    assertThat(await(store.has(torn.cid()))).isFalse();
    RecoveryReport report = store.recovery();
    assertThat(report.segments()).isEqualTo(1);
    assertThat(report.records()).isEqualTo(2);
    assertThat(report.blocksWritten()).isEqualTo(2);
    assertThat(report.damagedSegments())
        .singleElement()
        .asString()
        .contains("00000000000000000001.log")
        .contains("ends inside");
    // The replayed segment is gone; a fresh one, empty, takes its place.
    assertThat(segments(dir)).containsExactly("00000000000000000002.log");
    assertNoTempFiles(dir);

    // And it is all durable in flatfs and the pin snapshot, not just in memory.
    await(store.close());
    store = null;
    assertThat(PinSnapshot.read(dir)).containsExactly(b.cid());
    open();
    assertThat(store.recovery().segments()).isZero();
    assertThat(await(store.get(a.cid()))).isEqualTo(a);
  }

  @Test
  void garbageAfterTheLastRecordIsIgnored() throws Exception {
    Block a = block(4, 500);
    byte[] garbage = new byte[777];
    new Random(4).nextBytes(garbage);
    writeSegment(1, List.of(put(a)), garbage);

    open();

    assertThat(await(store.get(a.cid()))).isEqualTo(a);
    assertThat(store.recovery().damagedSegments()).hasSize(1);
  }

  @Test
  void aDamagedRecordEndsItsSegmentButNotTheNext() throws Exception {
    Block a = block(5, 300);
    Block damaged = block(6, 300);
    Block after = block(7, 300);
    Block next = block(8, 300);
    byte[] bytes = segmentBytes(List.of(put(a), put(damaged), put(after)), new byte[0]);
    int damagedStart =
        segmentBytes(List.of(put(a)), new byte[0]).length; // where the second record begins
    bytes[damagedStart + 100] ^= 0x40;
    Files.write(Segment.pathOf(dir.resolve("journal"), 1), bytes);
    writeSegment(2, List.of(put(next)), new byte[0]);

    open();

    assertThat(await(store.get(a.cid()))).isEqualTo(a);
    assertThat(await(store.has(damaged.cid()))).isFalse();
    assertThat(await(store.has(after.cid()))).isFalse();
    assertThat(await(store.get(next.cid()))).isEqualTo(next);
    assertThat(store.recovery().damagedSegments())
        .singleElement()
        .asString()
        .contains("00000000000000000001.log")
        .contains("CRC");
    assertThat(segments(dir)).containsExactly("00000000000000000003.log");
  }

  @Test
  void aRecordWithAGoodCrcButTheWrongBytesIsNotServed() throws Exception {
    Block a = block(9, 300);
    Block lie = block(10, 300);
    byte[] bytes = segmentBytes(List.of(put(a), put(lie)), new byte[0]);
    // Change the last block byte, then fix the CRC: only the CID check can catch this.
    int crcAt = bytes.length - 4;
    bytes[crcAt - 1] ^= 1;
    int recordStart = segmentBytes(List.of(put(a)), new byte[0]).length;
    CRC32C crc = new CRC32C();
    crc.update(bytes, recordStart, crcAt - recordStart);
    int value = (int) crc.getValue();
    bytes[crcAt] = (byte) (value >>> 24);
    bytes[crcAt + 1] = (byte) (value >>> 16);
    bytes[crcAt + 2] = (byte) (value >>> 8);
    bytes[crcAt + 3] = (byte) value;
    Files.write(Segment.pathOf(dir.resolve("journal"), 1), bytes);

    open();

    assertThat(await(store.get(a.cid()))).isEqualTo(a);
    assertThat(await(store.has(lie.cid()))).isFalse();
    assertThat(store.recovery().damagedSegments().get(0)).contains(lie.cid().toString());
  }

  @Test
  void pinChangesReplayOverTheSnapshot() throws Exception {
    Block old = block(11, 100);
    Block fresh = block(12, 100);
    // Before the crash: "old" was put and pinned (and retired into flatfs and the snapshot) ...
    FlatFs flatfs = new FlatFs(dir.resolve("blocks"));
    flatfs.prepare();
    flatfs.moveIntoPlace(flatfs.writeTemp(old), old.cid().multihash());
    PinSnapshot.write(dir, List.of(old.cid()));
    // ... then unpinned, and "fresh" put and pinned, in the journal only.
    writeSegment(
        1,
        List.of(new JournalRecord.Unpin(old.cid()), put(fresh), new JournalRecord.Pin(fresh.cid())),
        new byte[0]);

    open();

    assertThat(await(store.pins())).containsExactly(fresh.cid());
    assertThat(PinSnapshot.read(dir)).isEqualTo(Set.of(fresh.cid()));
  }

  @Test
  void aReplayedDeleteRemovesTheFile() throws Exception {
    Block gone = block(13, 100);
    Block back = block(14, 100);
    FlatFs flatfs = new FlatFs(dir.resolve("blocks"));
    flatfs.prepare();
    flatfs.moveIntoPlace(flatfs.writeTemp(gone), gone.cid().multihash());
    // "back" was deleted, then put again: order decides.
    writeSegment(
        1,
        List.of(
            new JournalRecord.Delete(gone.cid()),
            put(back),
            new JournalRecord.Delete(back.cid()),
            put(back)),
        new byte[0]);

    open();

    assertThat(await(store.has(gone.cid()))).isFalse();
    assertThat(Files.exists(flatfs.file(gone.cid().multihash()))).isFalse();
    assertThat(await(store.get(back.cid()))).isEqualTo(back);
  }

  @Test
  void aDamagedFileInFlatfsIsRewrittenFromTheJournal() throws Exception {
    Block block = block(15, 2000);
    assertRewrittenFromTheJournal(block, new byte[2000]);
  }

  @Test
  void aFileTornByACrashIsRewrittenFromTheJournal() throws Exception {
    // New files are written in place: a process killed mid-write leaves the first part of one.
    Block block = block(17, 4000);
    assertRewrittenFromTheJournal(block, Arrays.copyOf(block.bytes(), 1500));
  }

  /** Recovery of a segment holding {@code block}, with {@code onDisk} in its flatfs file. */
  private void assertRewrittenFromTheJournal(Block block, byte[] onDisk) throws Exception {
    FlatFs flatfs = new FlatFs(dir.resolve("blocks"));
    flatfs.prepare();
    Path file = flatfs.file(block.cid().multihash());
    Files.createDirectories(file.getParent());
    Files.write(file, onDisk);
    writeSegment(1, List.of(put(block)), new byte[0]);

    open();

    assertThat(store.recovery().blocksWritten()).isEqualTo(1);
    assertThat(file).hasBinaryContent(block.bytes());
    assertThat(await(store.get(block.cid()))).isEqualTo(block);
  }

  @Test
  void strayTemporaryFilesAreRemoved() throws Exception {
    FlatFs flatfs = new FlatFs(dir.resolve("blocks"));
    flatfs.prepare();
    Files.write(flatfs.tempDir().resolve("CIQSOMETHING.17"), new byte[100]);
    Files.write(dir.resolve(PinSnapshot.FILE + ".tmp"), new byte[10]);

    open();

    assertThat(store.recovery().strayTempFiles()).isEqualTo(2);
    assertNoTempFiles(dir);
  }

  @Test
  void aDamagedPinSnapshotRefusesToOpen() throws Exception {
    PinSnapshot.write(dir, List.of(block(16, 10).cid(), block(17, 10).cid()));
    byte[] bytes = Files.readAllBytes(dir.resolve(PinSnapshot.FILE));
    bytes[12] ^= 1;
    Files.write(dir.resolve(PinSnapshot.FILE), bytes);

    Throwable e = failure(LocalBlockStore.open(vertx, smallConfig(dir)));

    assertThat(e).isInstanceOf(IntegrityException.class).hasMessageContaining("pins");
    assertThat(((IntegrityException) e).reason()).isEqualTo("pins-corrupt");
    // The failed open let go of the directory.
    Files.delete(dir.resolve(PinSnapshot.FILE));
    open();
  }

  @Test
  void aSegmentWithAForeignHeaderIsReportedAndSkipped() throws Exception {
    Files.write(Segment.pathOf(dir.resolve("journal"), 1), "not a journal at all".getBytes());
    Block b = block(18, 100);
    writeSegment(2, List.of(put(b)), new byte[0]);

    open();

    assertThat(await(store.get(b.cid()))).isEqualTo(b);
    assertThat(store.recovery().damagedSegments())
        .singleElement()
        .asString()
        .contains("journal header");
  }

  @Test
  void thePinSnapshotRoundTrips() throws Exception {
    List<Cid> pins =
        List.of(block(19, 1).cid(), Cid.parse("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn"));
    PinSnapshot.write(dir, pins);
    assertThat(PinSnapshot.read(dir)).containsExactlyInAnyOrderElementsOf(pins);
    PinSnapshot.write(dir, List.of());
    assertThat(PinSnapshot.read(dir)).isEmpty();
  }
}
