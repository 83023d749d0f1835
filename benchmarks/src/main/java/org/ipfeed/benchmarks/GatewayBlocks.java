package org.ipfeed.benchmarks;

import io.vertx.core.Vertx;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ipfeed.schema.car.CarWriter;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.local.LocalBlockStore;
import org.ipfeed.store.local.LocalStoreConfig;

/**
 * The same raw blocks three ways, for the {@code /ipfs/{cid}} load test
 * (benchmarks/gateway/run.sh): in an embedded store for {@code ipfeed serve}, as static files
 * {@code ipfs/<cid>} for nginx, and as one CAR for the IPFS node's {@code dag/import}; plus {@code
 * cids.txt} for the load tool.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.ipfeed.benchmarks.GatewayBlocks OUT [COUNT] [BYTES]
 * </pre>
 *
 * writes {@code OUT/data/blocks} (the store; serve with {@code --data OUT/data}), {@code
 * OUT/static/ipfs/}, {@code OUT/blocks.car} and {@code OUT/cids.txt}. Defaults: 10,000 blocks of
 * 300 bytes (the size shared/baselines.md measured nginx with), random bytes from a fixed seed.
 */
public final class GatewayBlocks {

  private GatewayBlocks() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int size = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    Path statics = Files.createDirectories(out.resolve("static/ipfs"));
    Random random = new Random(7);
    List<byte[]> blocks = new ArrayList<>();
    List<Cid> cids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] b = new byte[size];
      random.nextBytes(b);
      blocks.add(b);
      cids.add(Cid.raw(b));
    }
    Vertx vertx = Vertx.vertx();
    try {
      LocalBlockStore store =
          LocalBlockStore.open(vertx, LocalStoreConfig.defaults(out.resolve("data/blocks")))
              .toCompletionStage()
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
      for (byte[] b : blocks) {
        store
            .put(b, Multicodec.RAW)
            .toCompletionStage()
            .toCompletableFuture()
            .get(60, TimeUnit.SECONDS);
      }
      store.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    try (OutputStream car = Files.newOutputStream(out.resolve("blocks.car"));
        CarWriter writer = CarWriter.open(car, List.of(cids.get(0)));
        BufferedWriter list =
            Files.newBufferedWriter(out.resolve("cids.txt"), StandardCharsets.US_ASCII)) {
      for (int i = 0; i < count; i++) {
        writer.write(cids.get(i), blocks.get(i));
        Files.write(statics.resolve(cids.get(i).toString()), blocks.get(i));
        list.write(cids.get(i).toString());
        list.newLine();
      }
    }
    System.out.println(count + " blocks of " + size + " bytes in " + out);
  }
}
