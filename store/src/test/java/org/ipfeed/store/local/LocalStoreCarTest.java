package org.ipfeed.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipfeed.store.local.StoreTesting.await;
import static org.ipfeed.store.local.StoreTesting.block;
import static org.ipfeed.store.local.StoreTesting.smallConfig;

import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.ipfeed.store.CarExportRequest;
import org.ipfeed.store.CarExportResult;
import org.ipfeed.store.CarImportResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** CAR export and import are the generic ones; this checks they are wired to the local store. */
@ExtendWith(VertxExtension.class)
class LocalStoreCarTest {

  @TempDir Path dir;

  @Test
  void aDagExportedFromOneStoreImportsIntoAnother(Vertx vertx) {
    Block leafA = block(1, 500);
    Block leafB = block(2, 700);
    Block root =
        Block.of(
            DagCbor.encode(Ipld.map().put("a", leafA.cid()).put("b", leafB.cid()).build()),
            Multicodec.DAG_CBOR);
    Path car = dir.resolve("dag.car");

    LocalBlockStore from = await(LocalBlockStore.open(vertx, smallConfig(dir.resolve("from"))));
    await(from.put(leafA));
    await(from.put(leafB));
    await(from.putPinned(root));
    AsyncFile out =
        await(vertx.fileSystem().open(car.toString(), new OpenOptions().setWrite(true)));
    CarExportResult exported = await(from.exportCar(CarExportRequest.dag(root.cid(), 10), out));
    await(out.close());
    await(from.close());
    assertThat(exported.blocks()).isEqualTo(3);

    LocalBlockStore to = await(LocalBlockStore.open(vertx, smallConfig(dir.resolve("to"))));
    AsyncFile in = await(vertx.fileSystem().open(car.toString(), new OpenOptions().setRead(true)));
    CarImportResult imported = await(to.importCar(in, true));
    assertThat(imported.roots()).containsExactly(root.cid());
    assertThat(imported.stored()).isEqualTo(3);
    assertThat(await(to.pins())).isEqualTo(List.of(root.cid()));
    for (Block block : List.of(root, leafA, leafB)) {
      assertThat(await(to.get(block.cid()))).isEqualTo(block);
    }
    await(to.close());
  }
}
