package org.ipfeed.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ipfeed.store.local.StoreTesting.assertNoTempFiles;
import static org.ipfeed.store.local.StoreTesting.await;
import static org.ipfeed.store.local.StoreTesting.block;
import static org.ipfeed.store.local.StoreTesting.failure;
import static org.ipfeed.store.local.StoreTesting.files;
import static org.ipfeed.store.local.StoreTesting.fingerprint;
import static org.ipfeed.store.local.StoreTesting.segments;
import static org.ipfeed.store.local.StoreTesting.smallConfig;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.TooLargeException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.schema.multiformats.Multihash;
import org.ipfeed.store.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class LocalBlockStoreTest {

  @TempDir Path dir;
  private Vertx vertx;
  private LocalBlockStore store;

  @BeforeEach
  void open(Vertx vertx) {
    this.vertx = vertx;
    store = await(LocalBlockStore.open(vertx, smallConfig(dir)));
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close().toCompletionStage().toCompletableFuture().exceptionally(e -> null).join();
    }
  }

  private void reopen() {
    await(store.close());
    store = await(LocalBlockStore.open(vertx, smallConfig(dir)));
  }

  @Test
  void putThenGetFromMemoryAndFromDisk() {
    Block block = block(1, 1024);
    await(store.put(block));
    assertThat(await(store.get(block.cid()))).isEqualTo(block);

    await(store.checkpoint());
    assertThat(store.backlogBytes()).isZero();
    assertThat(dir.resolve("blocks").resolve(FlatFs.shard(FlatFs.key(block.cid().multihash()))))
        .isDirectory();
    assertThat(await(store.get(block.cid()))).isEqualTo(block);
  }

  @Test
  void putOfBytesHashesThemAndAnswersTheCid() {
    byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
    Cid cid = await(store.put(bytes, Multicodec.DAG_CBOR));
    assertThat(cid).isEqualTo(Cid.dagCbor(bytes));
    assertThat(await(store.get(cid)).bytes()).isEqualTo(bytes);
  }

  @Test
  void putTwiceIsHarmlessAndKeepsOneFile() {
    Block block = block(2, 300);
    await(store.put(block));
    await(store.put(block));
    await(store.checkpoint());
    await(store.put(block));
    await(store.checkpoint());
    assertThat(await(store.has(block.cid()))).isTrue();
    assertThat(await(store.size(block.cid()))).isEqualTo(300);
    assertThat(blockFiles()).hasSize(1);
  }

  @Test
  void absentBlocksAreNotFound() {
    Cid absent = block(3, 10).cid();
    assertThat(await(store.has(absent))).isFalse();
    assertThat(failure(store.get(absent)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(absent.toString())
        .extracting(e -> ((NotFoundException) e).reason())
        .isEqualTo("block-not-found");
    assertThat(failure(store.size(absent))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void hasAndSizeSeeBlocksInMemoryAndOnDisk() {
    Block block = block(4, 777);
    await(store.put(block));
    assertThat(await(store.has(block.cid()))).isTrue();
    assertThat(await(store.size(block.cid()))).isEqualTo(777);
    await(store.checkpoint());
    assertThat(await(store.has(block.cid()))).isTrue();
    assertThat(await(store.size(block.cid()))).isEqualTo(777);
  }

  @Test
  void emptyBlockIsABlock() {
    Block empty = Block.of(new byte[0], Multicodec.RAW);
    await(store.put(empty));
    await(store.checkpoint());
    assertThat(await(store.get(empty.cid())).length()).isZero();
    assertThat(await(store.size(empty.cid()))).isZero();
  }

  @Test
  void putPinnedPinsInTheSameStep() {
    Block block = block(5, 100);
    await(store.putPinned(block));
    assertThat(await(store.isPinned(block.cid()))).isTrue();
    assertThat(await(store.pins())).containsExactly(block.cid());
    // Putting it again unpinned does not unpin it.
    await(store.put(block));
    assertThat(await(store.isPinned(block.cid()))).isTrue();
  }

  @Test
  void pinAndUnpinAreIdempotent() {
    Block block = block(6, 100);
    await(store.put(block));
    assertThat(await(store.isPinned(block.cid()))).isFalse();
    await(store.pin(block.cid()));
    await(store.pin(block.cid()));
    assertThat(await(store.isPinned(block.cid()))).isTrue();
    await(store.unpin(block.cid()));
    await(store.unpin(block.cid()));
    assertThat(await(store.isPinned(block.cid()))).isFalse();
    assertThat(await(store.pins())).isEmpty();
  }

  @Test
  void pinOfAnAbsentBlockIsNotFoundAndChangesNothing() {
    Cid absent = block(7, 100).cid();
    Throwable e = failure(store.pin(absent));
    assertThat(e).isInstanceOf(NotFoundException.class).hasMessageContaining(absent.toString());
    assertThat(await(store.pins())).isEmpty();
    await(store.checkpoint());
    assertThat(dir.resolve(PinSnapshot.FILE)).doesNotExist();
  }

  @Test
  void pinsAreListedInBinaryOrder() {
    List<Cid> cids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Block block = block(100 + i, 50);
      await(store.putPinned(block));
      cids.add(block.cid());
    }
    cids.sort(null);
    assertThat(await(store.pins())).containsExactlyElementsOf(cids);
  }

  @Test
  void deleteRemovesAnUnpinnedBlockAndIgnoresAnAbsentOne() {
    Block block = block(8, 100);
    await(store.put(block));
    await(store.checkpoint());
    await(store.delete(block.cid()));
    assertThat(await(store.has(block.cid()))).isFalse();
    assertThat(failure(store.get(block.cid()))).isInstanceOf(NotFoundException.class);
    assertThat(blockFiles()).isEmpty();
    await(store.delete(block.cid()));
  }

  @Test
  void deleteOfABlockStillInMemoryRemovesIt() {
    try (AutoCloseable held = store.holdMaterializer()) {
      Block block = block(9, 100);
      await(store.put(block));
      await(store.delete(block.cid()));
      assertThat(await(store.has(block.cid()))).isFalse();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    await(store.checkpoint());
    assertThat(blockFiles()).isEmpty();
  }

  @Test
  void deleteOfAPinnedBlockIsAConflict() {
    Block block = block(10, 100);
    await(store.putPinned(block));
    Throwable e = failure(store.delete(block.cid()));
    assertThat(e).isInstanceOf(ConflictException.class);
    assertThat(((ConflictException) e).reason()).isEqualTo("pinned");
    assertThat(await(store.get(block.cid()))).isEqualTo(block);

    await(store.unpin(block.cid()));
    await(store.delete(block.cid()));
    assertThat(await(store.has(block.cid()))).isFalse();
  }

  @Test
  void aPinUnderAnyCidOfTheSameHashProtectsTheBlock() {
    Block raw = block(11, 100);
    Cid asCbor = Cid.v1(Multicodec.DAG_CBOR, raw.cid().multihash());
    await(store.put(raw));
    await(store.pin(asCbor));
    assertThat(await(store.get(asCbor)).cid()).isEqualTo(asCbor);
    assertThat(failure(store.delete(raw.cid()))).isInstanceOf(ConflictException.class);
    assertThat(await(store.gc()).removed()).isZero();
    assertThat(await(store.has(raw.cid()))).isTrue();
  }

  @Test
  void cidV0AndV1OfOneHashShareOneFile() {
    // The empty UnixFS directory, which every Kubo repository holds at exactly this path.
    byte[] emptyDir = {0x0a, 0x02, 0x08, 0x01};
    Cid v0 = Cid.parse("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn");
    await(store.put(Block.verified(v0, emptyDir)));
    await(store.checkpoint());
    assertThat(
            dir.resolve("blocks/X3/CIQFTFEEHEDF6KLBT32BFAGLXEZL4UWFNWM4LFTLMXQBCERZ6CMLX3Y.data"))
        .hasBinaryContent(emptyDir);
    assertThat(await(store.get(v0.toV1())).bytes()).isEqualTo(emptyDir);
    assertThat(await(store.get(v0)).cid()).isEqualTo(v0);
  }

  @Test
  void layoutIsKubosFlatfs() throws Exception {
    assertThat(Files.readString(dir.resolve("blocks/SHARDING")))
        .isEqualTo("/repo/flatfs/shard/v1/next-to-last/2\n");
    assertThat(dir.resolve("blocks/_README")).exists();
    assertThat(FlatFs.shard("CIQFTFEEHEDF6KLBT32BFAGLXEZL4UWFNWM4LFTLMXQBCERZ6CMLX3Y"))
        .isEqualTo("X3");
    assertThat(FlatFs.shard("AB")).isEqualTo("_A");
    assertThat(FlatFs.shard("A")).isEqualTo("__");
    Multihash hash = block(12, 10).cid().multihash();
    assertThat(FlatFs.multihashOf(FlatFs.key(hash) + ".data")).contains(hash);
    assertThat(FlatFs.multihashOf("SHARDING")).isEmpty();
    assertThat(FlatFs.multihashOf("not-base32!.data")).isEmpty();
  }

  @Test
  void aDifferentlyShardedDirectoryIsRefused() throws Exception {
    await(store.close());
    store = null;
    Files.writeString(dir.resolve("blocks/SHARDING"), "/repo/flatfs/shard/v1/prefix/2\n");
    Throwable e = failure(LocalBlockStore.open(vertx, smallConfig(dir)));
    assertThat(e).isInstanceOf(ConflictException.class).hasMessageContaining("prefix/2");
  }

  @Test
  void aSecondStoreOnTheSameDirectoryIsRefused() {
    Throwable e = failure(LocalBlockStore.open(vertx, smallConfig(dir)));
    assertThat(e).isInstanceOf(ConflictException.class);
    assertThat(((ConflictException) e).reason()).isEqualTo("store-in-use");
  }

  @Test
  void gcRemovesUnpinnedAndKeepsPinned() {
    List<Block> pinned = new ArrayList<>();
    List<Block> loose = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Block p = block(1000 + i, 200);
      Block l = block(2000 + i, 300);
      await(store.putPinned(p));
      await(store.put(l));
      pinned.add(p);
      loose.add(l);
    }
    // Some of them still only in memory when the collection starts.
    GcResult result = await(store.gc());
    assertThat(result.removed()).isEqualTo(30);
    assertThat(result.removedBytes()).isEqualTo(30 * 300);
    assertThat(result.kept()).isEqualTo(30);
    for (Block p : pinned) {
      assertThat(await(store.get(p.cid()))).isEqualTo(p);
    }
    for (Block l : loose) {
      assertThat(await(store.has(l.cid()))).isFalse();
    }
    assertThat(await(store.gc()).removed()).isZero();
  }

  @Test
  void gcLeavesForeignFilesAlone() throws Exception {
    Path foreign = dir.resolve("blocks/AB/notes.txt");
    Files.createDirectories(foreign.getParent());
    Files.writeString(foreign, "mine");
    await(store.gc());
    assertThat(foreign).exists();
  }

  @Test
  void aPutOverlappingGcOfABlockAlreadyOnDiskIsNeverLost() {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      blocks.add(block(3000 + i, 100));
    }
    blocks.forEach(b -> await(store.put(b)));
    await(store.checkpoint());

    // The collection marks its start with the writer before gc() returns, so each put below is
    // decided after it: each finds its block on disk and must still find it after the sweep.
    Future<GcResult> gc = store.gc();
    List<Future<Void>> puts = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i += 2) {
      puts.add(store.put(blocks.get(i)));
    }
    GcResult result = await(gc);
    puts.forEach(StoreTesting::await);

    assertThat(result.removed()).isEqualTo(100);
    for (int i = 0; i < blocks.size(); i++) {
      assertThat(await(store.has(blocks.get(i).cid()))).as("block %d", i).isEqualTo(i % 2 == 0);
    }
    reopen();
    for (int i = 0; i < blocks.size(); i += 2) {
      assertThat(await(store.get(blocks.get(i).cid()))).isEqualTo(blocks.get(i));
    }
  }

  @Test
  void gcRunsOneAtATime() {
    for (int i = 0; i < 10; i++) {
      await(store.put(block(4000 + i, 100)));
    }
    Future<GcResult> first = store.gc();
    Future<GcResult> second = store.gc();
    assertThat(await(first).removed()).isEqualTo(10);
    assertThat(await(second).removed()).isZero();
  }

  @Test
  void blocksAndPinsSurviveReopen() {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Block block = block(5000 + i, 50 + i * 10);
      blocks.add(block);
      if (i % 3 == 0) {
        await(store.putPinned(block));
      } else {
        await(store.put(block));
      }
    }
    await(store.unpin(blocks.get(0).cid()));
    await(store.pin(blocks.get(1).cid()));
    await(store.delete(blocks.get(2).cid()));

    reopen();

    assertThat(store.recovery().segments()).isZero();
    for (int i = 0; i < blocks.size(); i++) {
      Cid cid = blocks.get(i).cid();
      if (i == 2) {
        assertThat(await(store.has(cid))).isFalse();
        continue;
      }
      assertThat(await(store.get(cid))).isEqualTo(blocks.get(i));
      boolean pinned = (i % 3 == 0 && i != 0) || i == 1;
      assertThat(await(store.isPinned(cid))).as("pinned %d", i).isEqualTo(pinned);
    }
    assertNoTempFiles(dir);
  }

  @Test
  void checkpointRetiresTheJournal() {
    for (int i = 0; i < 100; i++) {
      await(store.putPinned(block(6000 + i, 1024)));
    }
    await(store.checkpoint());
    assertThat(store.backlogBytes()).isZero();
    assertThat(segments(dir)).hasSize(1);
    assertThat(dir.resolve("journal").resolve(segments(dir).get(0)))
        .hasSize(JournalCodec.HEADER.length);
    assertThat(dir.resolve(PinSnapshot.FILE)).exists();
  }

  @Test
  void aCleanCloseLeavesAnEmptyJournal() {
    for (int i = 0; i < 50; i++) {
      await(store.put(block(7000 + i, 1024)));
    }
    await(store.close());
    assertThat(segments(dir)).isEmpty();
    assertThat(blockFiles()).hasSize(50);
    store = null;
  }

  @Test
  void everyOperationFailsAfterClose() {
    Block block = block(13, 10);
    await(store.put(block));
    Future<Void> closing = store.close();
    assertThat(store.close()).isSameAs(closing);
    await(closing);
    for (Future<?> op :
        List.of(
            store.put(block),
            store.putPinned(block),
            store.get(block.cid()),
            store.has(block.cid()),
            store.size(block.cid()),
            store.delete(block.cid()),
            store.pin(block.cid()),
            store.unpin(block.cid()),
            store.isPinned(block.cid()),
            store.pins(),
            store.gc(),
            store.checkpoint())) {
      assertThat(failure(op))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }
    store = null;
  }

  @Test
  void aDamagedFileIsReportedNeverServedAndHealedByAPut() throws Exception {
    Block block = block(14, 1024);
    await(store.put(block));
    await(store.checkpoint());
    Path file = dir.resolve("blocks").resolve(blockFiles().get(0));
    byte[] damaged = Files.readAllBytes(file);
    damaged[100] ^= 1;
    Files.write(file, damaged);

    for (Future<?> read : List.of(store.get(block.cid()), store.size(block.cid()))) {
      Throwable e = failure(read);
      assertThat(e)
          .isInstanceOf(IntegrityException.class)
          .hasMessageContaining(block.cid().toString())
          .hasMessageContaining(file.toString());
      assertThat(((IntegrityException) e).reason()).isEqualTo("block-corrupt");
    }
    // Presence is all has() claims.
    assertThat(await(store.has(block.cid()))).isTrue();

    await(store.put(block));
    assertThat(await(store.get(block.cid()))).isEqualTo(block);
    reopen();
    assertThat(await(store.get(block.cid()))).isEqualTo(block);
  }

  @Test
  void aFileCaughtMidWriteIsNotCalledDamaged() throws Exception {
    // The materializer writes a new file in place while its block is still in memory. A read that
    // missed memory just before the put was published can open that file half-written: it must
    // serve the block, not report it damaged.
    Block block = block(17, 3000);
    Path file = dir.resolve("blocks").resolve(relative(block));
    try (AutoCloseable held = store.holdMaterializer()) {
      await(store.put(block));
      Files.createDirectories(file.getParent());
      Files.write(file, Arrays.copyOf(block.bytes(), 1000));

      assertThat(store.readVerified(block.cid())).isEqualTo(block);
    }
    // The materializer then finds the torn file and replaces it whole.
    await(store.checkpoint());
    assertThat(file).hasBinaryContent(block.bytes());
    reopen();
    assertThat(await(store.get(block.cid()))).isEqualTo(block);
  }

  @Test
  void aTruncatedOrOversizedFileIsReportedToo() throws Exception {
    Block small = block(15, 1024);
    Block other = block(16, 1024);
    await(store.put(small));
    await(store.put(other));
    await(store.checkpoint());
    Path smallFile = store.dataDir().resolve("blocks").resolve(relative(small));
    Files.write(smallFile, new byte[10]);
    Path otherFile = store.dataDir().resolve("blocks").resolve(relative(other));
    Files.write(otherFile, new byte[Block.MAX_BYTES + 10]);
    assertThat(failure(store.get(small.cid()))).isInstanceOf(IntegrityException.class);
    assertThat(failure(store.get(other.cid()))).isInstanceOf(IntegrityException.class);
  }

  @Test
  void bytesThatDoNotMatchTheirCidAreRefusedBeforeTheStore() {
    List<String> before = fingerprint(dir);
    Cid claimed = block(17, 100).cid();
    assertThatThrownBy(() -> Block.verified(claimed, new byte[100]))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining(claimed.toString())
        .extracting(e -> ((IntegrityException) e).reason())
        .isEqualTo("block-mismatch");
    assertThat(await(store.has(claimed))).isFalse();
    assertThat(fingerprint(dir)).isEqualTo(before);
  }

  @Test
  void aBlockOverTheSizeLimitIsRefused() {
    List<String> before = fingerprint(dir);
    byte[] huge = new byte[Block.MAX_BYTES + 1];
    assertThatThrownBy(() -> Block.of(huge, Multicodec.RAW))
        .isInstanceOf(TooLargeException.class)
        .extracting(e -> ((TooLargeException) e).reason())
        .isEqualTo("block-too-large");
    assertThat(failure(store.put(huge, Multicodec.RAW))).isInstanceOf(TooLargeException.class);
    assertThat(fingerprint(dir)).isEqualTo(before);
  }

  @Test
  void aBlockOfExactlyTheLimitIsStored() {
    Block largest = block(18, Block.MAX_BYTES);
    await(store.put(largest));
    reopen();
    assertThat(await(store.get(largest.cid()))).isEqualTo(largest);
  }

  @Test
  void aCidWithAnUnsupportedHashIsRefused() {
    List<String> before = fingerprint(dir);
    // sha3-256 (0x16): a valid multihash we cannot compute, so no block of it can be checked.
    Cid sha3 = Cid.v1(Multicodec.RAW, Multihash.of(new Multicodec(0x16), new byte[32]));
    assertThatThrownBy(() -> Block.verified(sha3, new byte[10]))
        .isInstanceOf(BadInputException.class)
        .extracting(e -> ((BadInputException) e).reason())
        .isEqualTo("unsupported-hash");
    for (Future<?> op : List.of(store.get(sha3), store.size(sha3), store.pin(sha3))) {
      Throwable e = failure(op);
      assertThat(e).isInstanceOf(BadInputException.class).hasMessageContaining("0x16");
      assertThat(((BadInputException) e).reason()).isEqualTo("unsupported-hash");
    }
    assertThat(await(store.has(sha3))).isFalse();
    assertThat(await(store.isPinned(sha3))).isFalse();
    assertThat(fingerprint(dir)).isEqualTo(before);
  }

  @Test
  void theFilesStrategyIsAsDurableAsTheFileSystemOne() {
    await(store.close());
    LocalStoreConfig files = smallConfig(dir).withFlatfsSync(LocalStoreConfig.FlatfsSync.FILES);
    store = await(LocalBlockStore.open(vertx, files));
    assertThat(store.recovery().flatfsSync()).isEqualTo("fsync per file");
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      blocks.add(block(8000 + i, 500));
      await(store.putPinned(blocks.get(i)));
    }
    await(store.delete(blocks.get(0).cid()).recover(e -> Future.succeededFuture()));
    await(store.unpin(blocks.get(1).cid()));
    await(store.delete(blocks.get(1).cid()));
    await(store.close());
    store = await(LocalBlockStore.open(vertx, files));
    assertThat(await(store.has(blocks.get(1).cid()))).isFalse();
    for (int i = 2; i < blocks.size(); i++) {
      assertThat(await(store.get(blocks.get(i).cid()))).isEqualTo(blocks.get(i));
    }
  }

  private List<String> blockFiles() {
    return files(dir.resolve("blocks")).stream().filter(f -> f.endsWith(".data")).toList();
  }

  private static String relative(Block block) {
    String key = FlatFs.key(block.cid().multihash());
    return FlatFs.shard(key) + "/" + key + ".data";
  }
}
