package org.ipfeed.store.car;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ipfeed.schema.car.CarBlock;
import org.ipfeed.schema.car.CarReader;
import org.ipfeed.schema.car.CarWriter;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.TooLargeException;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.ipfeed.store.CarExportRequest;
import org.ipfeed.store.CarExportResult;
import org.ipfeed.store.CarImportResult;
import org.ipfeed.store.testing.Await;
import org.ipfeed.store.testing.MemoryBlockStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class CarExportImportTest {

  @TempDir Path dir;
  private Vertx vertx;
  private MemoryBlockStore store;
  private Block r1;
  private Block r2;
  private Block a;
  private Block b;
  private Block root;

  private static Block cbor(Ipld value) {
    return Block.of(DagCbor.encode(value), Multicodec.DAG_CBOR);
  }

  @BeforeEach
  void dag(Vertx vertx) {
    this.vertx = vertx;
    store = new MemoryBlockStore(vertx);
    r1 = Block.of(new byte[] {1}, Multicodec.RAW);
    r2 = Block.of(new byte[] {2}, Multicodec.RAW);
    a = cbor(Ipld.map().put("a", r1.cid()).put("b", r2.cid()).build());
    b = cbor(Ipld.map().put("x", a.cid()).put("y", r1.cid()).build());
    root = cbor(Ipld.map().put("first", b.cid()).put("second", a.cid()).build());
    for (Block block : List.of(r1, r2, a, b, root)) {
      Await.result(store.put(block));
    }
  }

  private Path export(MemoryBlockStore from, CarExportRequest request, CarExportResult[] result)
      throws Exception {
    Path file = dir.resolve("out-" + System.nanoTime() + ".car");
    AsyncFile out =
        Await.result(vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true)));
    result[0] = Await.result(from.exportCar(request, out));
    Await.result(out.close());
    return file;
  }

  private static List<Cid> read(Path car, List<Cid> rootsOut) throws Exception {
    try (CarReader reader = CarReader.open(new BufferedInputStream(Files.newInputStream(car)))) {
      rootsOut.addAll(reader.roots());
      List<Cid> cids = new ArrayList<>();
      for (CarBlock block = reader.next(); block != null; block = reader.next()) {
        cids.add(block.cid());
      }
      return cids;
    }
  }

  private CarImportResult importInto(MemoryBlockStore to, Path car, boolean pin, long max) {
    AsyncFile in =
        Await.result(vertx.fileSystem().open(car.toString(), new OpenOptions().setRead(true)));
    return Await.result(CarImport.read(vertx, to, in, pin, max));
  }

  private Throwable importFailure(MemoryBlockStore to, Path car, long max) {
    AsyncFile in =
        Await.result(vertx.fileSystem().open(car.toString(), new OpenOptions().setRead(true)));
    return Await.failure(CarImport.read(vertx, to, in, false, max));
  }

  @Test
  void exportsTheDagDepthFirstInLinkOrderEachBlockOnce() throws Exception {
    CarExportResult[] result = new CarExportResult[1];
    Path car = export(store, CarExportRequest.dag(root.cid(), 100), result);

    List<Cid> roots = new ArrayList<>();
    assertThat(read(car, roots)).containsExactly(root.cid(), b.cid(), a.cid(), r1.cid(), r2.cid());
    assertThat(roots).containsExactly(root.cid());
    assertThat(result[0]).isEqualTo(new CarExportResult(5, Files.size(car), 0, false));
  }

  @Test
  void depthAndBlockLimitsTruncate() throws Exception {
    CarExportResult[] result = new CarExportResult[1];
    Path shallow =
        export(
            store,
            new CarExportRequest(List.of(root.cid()), 1, 100, CarExportRequest.Missing.FAIL),
            result);
    assertThat(read(shallow, new ArrayList<>())).containsExactly(root.cid(), b.cid(), a.cid());
    assertThat(result[0].truncated()).isTrue();

    Path few =
        export(
            store,
            new CarExportRequest(List.of(root.cid()), 99, 2, CarExportRequest.Missing.FAIL),
            result);
    assertThat(read(few, new ArrayList<>())).containsExactly(root.cid(), b.cid());
    assertThat(result[0].truncated()).isTrue();
    assertThat(result[0].blocks()).isEqualTo(2);
  }

  @Test
  void missingBlocksFailOrAreSkippedAsAsked() throws Exception {
    Await.result(store.delete(r2.cid()));
    CarExportResult[] result = new CarExportResult[1];

    Path skipped =
        export(
            store,
            new CarExportRequest(List.of(root.cid()), 99, 99, CarExportRequest.Missing.SKIP),
            result);
    assertThat(read(skipped, new ArrayList<>()))
        .containsExactly(root.cid(), b.cid(), a.cid(), r1.cid());
    assertThat(result[0].skipped()).isEqualTo(1);

    AsyncFile out =
        Await.result(
            vertx
                .fileSystem()
                .open(dir.resolve("f.car").toString(), new OpenOptions().setWrite(true)));
    assertThat(Await.failure(store.exportCar(CarExportRequest.dag(root.cid(), 99), out)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void importStoresEveryVerifiedBlockAndPinsRootsWhenAsked() throws Exception {
    Path car = export(store, CarExportRequest.dag(root.cid(), 100), new CarExportResult[1]);
    MemoryBlockStore other = new MemoryBlockStore(vertx);

    CarImportResult first = importInto(other, car, true, CarImport.DEFAULT_MAX_BYTES);
    CarImportResult again = importInto(other, car, false, CarImport.DEFAULT_MAX_BYTES);

    assertThat(first.roots()).containsExactly(root.cid());
    assertThat(first.blocks()).isEqualTo(5);
    assertThat(first.stored()).isEqualTo(5);
    assertThat(again.stored()).isZero();
    for (Block block : List.of(r1, r2, a, b, root)) {
      assertThat(Await.result(other.get(block.cid()))).isEqualTo(block);
    }
    assertThat(Await.result(other.isPinned(root.cid()))).isTrue();
    assertThat(Await.result(other.isPinned(a.cid()))).isFalse();
  }

  @Test
  void aTamperedBlockFailsTheImportAndStoresNothing() throws Exception {
    Path car = export(store, CarExportRequest.dag(root.cid(), 100), new CarExportResult[1]);
    byte[] bytes = Files.readAllBytes(car);
    bytes[bytes.length - 1] ^= 1; // inside r2, the last block
    Files.write(car, bytes);
    MemoryBlockStore other = new MemoryBlockStore(vertx);

    Throwable failure = importFailure(other, car, CarImport.DEFAULT_MAX_BYTES);

    assertThat(failure)
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining(r2.cid().toString());
    assertThat(other.size()).isZero();
  }

  @Test
  void aTruncatedCarFailsAndStoresNothing() throws Exception {
    Path car = export(store, CarExportRequest.dag(root.cid(), 100), new CarExportResult[1]);
    byte[] bytes = Files.readAllBytes(car);
    Files.write(car, Arrays.copyOf(bytes, bytes.length - 3));
    MemoryBlockStore other = new MemoryBlockStore(vertx);

    assertThat(importFailure(other, car, CarImport.DEFAULT_MAX_BYTES))
        .isInstanceOfSatisfying(
            BadInputException.class, e -> assertThat(e.reason()).isEqualTo("car-truncated"));
    assertThat(other.size()).isZero();
  }

  @Test
  void aCarWhoseRootIsNowhereIsRefusedAndStoresNothing() throws Exception {
    Path car = dir.resolve("rootless.car");
    Cid absent = Cid.dagCbor(new byte[] {42});
    try (OutputStream out = Files.newOutputStream(car);
        CarWriter writer = CarWriter.open(out, List.of(absent))) {
      writer.write(r1.cid(), r1.bytes());
    }
    MemoryBlockStore other = new MemoryBlockStore(vertx);

    assertThat(importFailure(other, car, CarImport.DEFAULT_MAX_BYTES))
        .isInstanceOfSatisfying(
            BadInputException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("car-missing-roots");
              assertThat(e.getMessage()).contains(absent.toString());
            });
    assertThat(other.size()).isZero();
  }

  @Test
  void aRootAlreadyInTheStoreIsEnough() throws Exception {
    Path car = dir.resolve("partial.car");
    try (OutputStream out = Files.newOutputStream(car);
        CarWriter writer = CarWriter.open(out, List.of(root.cid()))) {
      writer.write(r1.cid(), r1.bytes());
    }
    MemoryBlockStore other = new MemoryBlockStore(vertx);
    Await.result(other.put(root));

    assertThat(importInto(other, car, false, CarImport.DEFAULT_MAX_BYTES).stored()).isEqualTo(1);
  }

  @Test
  void aCarOverTheSizeLimitIsRefused() throws Exception {
    Path car = export(store, CarExportRequest.dag(root.cid(), 100), new CarExportResult[1]);
    MemoryBlockStore other = new MemoryBlockStore(vertx);

    assertThat(importFailure(other, car, 50)).isInstanceOf(TooLargeException.class);
    assertThat(other.size()).isZero();
  }

  @Test
  void aLongLogExportsAndImportsWithoutDeepStacks() throws Exception {
    Block previous = cbor(Ipld.map().put("seq", 0).build());
    Await.result(store.put(previous));
    int n = 20_000;
    for (int i = 1; i < n; i++) {
      Block next = cbor(Ipld.map().put("seq", i).put("prev", previous.cid()).build());
      Await.result(store.put(next));
      previous = next;
    }
    CarExportResult[] result = new CarExportResult[1];

    Path car = export(store, CarExportRequest.dag(previous.cid(), n), result);
    MemoryBlockStore other = new MemoryBlockStore(vertx);
    CarImportResult imported = importInto(other, car, false, CarImport.DEFAULT_MAX_BYTES);

    assertThat(result[0].blocks()).isEqualTo(n);
    assertThat(result[0].truncated()).isFalse();
    assertThat(imported.stored()).isEqualTo(n);
  }
}
