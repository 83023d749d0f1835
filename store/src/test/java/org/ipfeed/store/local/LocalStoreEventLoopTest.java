package org.ipfeed.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ipfeed.store.local.StoreTesting.block;
import static org.ipfeed.store.local.StoreTesting.smallConfig;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.ipfeed.store.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store called from an event loop, as a gateway handler calls it. Every file-system call in the
 * package goes through {@link IoGuard}, which throws on an event-loop thread; so if any operation
 * below touched the disk on the loop, it would fail.
 */
@ExtendWith(VertxExtension.class)
class LocalStoreEventLoopTest {

  @TempDir Path dir;

  @Test
  void theGuardTripsOnAnEventLoop(Vertx vertx, VertxTestContext test) {
    vertx.runOnContext(
        v ->
            test.verify(
                () -> {
                  assertThat(Context.isOnEventLoopThread()).isTrue();
                  assertThatThrownBy(IoGuard::offEventLoop)
                      .isInstanceOf(IllegalStateException.class)
                      .hasMessageContaining("event-loop");
                  FlatFs flatfs = new FlatFs(dir);
                  assertThatThrownBy(() -> flatfs.read(block(1, 1).cid().multihash()))
                      .isInstanceOf(IllegalStateException.class);
                  test.completeNow();
                }));
  }

  @Test
  void everyOperationFromAnEventLoopRunsItsIoElsewhereAndAnswersOnThatLoop(
      Vertx vertx, VertxTestContext test) {
    Context loop = vertx.getOrCreateContext();
    loop.runOnContext(
        v -> {
          Block a = block(2, 1024);
          Block b = block(3, 1024);
          List<Block> many = new ArrayList<>();
          for (int i = 0; i < 300; i++) {
            many.add(block(100 + i, 1024));
          }
          LocalBlockStore.open(vertx, smallConfig(dir))
              .compose(
                  store -> {
                    List<Supplier<Future<?>>> steps =
                        List.of(
                            () -> store.put(a),
                            () -> store.putPinned(b),
                            () -> Future.all(many.stream().map(store::put).toList()),
                            () -> store.get(a.cid()),
                            () -> store.has(a.cid()),
                            () -> store.size(a.cid()),
                            () -> store.checkpoint(),
                            () -> store.get(many.get(7).cid()),
                            () -> store.has(many.get(8).cid()),
                            () -> store.size(many.get(9).cid()),
                            () -> store.pin(a.cid()),
                            () -> store.isPinned(a.cid()),
                            () -> store.pins(),
                            () -> store.unpin(a.cid()),
                            () -> store.delete(a.cid()),
                            () -> store.gc(),
                            () -> store.get(b.cid()),
                            () -> store.close());
                    Future<?> chain = Future.succeededFuture();
                    for (Supplier<Future<?>> step : steps) {
                      chain =
                          chain.compose(
                              x -> {
                                checkOn(loop);
                                return step.get();
                              });
                    }
                    return chain;
                  })
              .onComplete(
                  test.succeeding(
                      x -> {
                        test.verify(() -> checkOn(loop));
                        test.completeNow();
                      }));
        });
  }

  private static void checkOn(Context loop) {
    assertThat(Context.isOnEventLoopThread()).isTrue();
    assertThat(Vertx.currentContext()).isSameAs(loop);
  }
}
