package org.ipfeed.store.tiered;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;
import org.ipfeed.store.BlockStore;
import org.ipfeed.store.CarExportRequest;
import org.ipfeed.store.CarExportResult;
import org.ipfeed.store.CarImportResult;
import org.ipfeed.store.car.CarExport;
import org.ipfeed.store.car.CarImport;
import org.ipfeed.store.peer.BlockSource;

/**
 * The block store a gateway uses: its local store in front, an IPFS node and peer gateways behind;
 * see the package documentation for the design.
 *
 * <p>What each operation touches:
 *
 * <ul>
 *   <li>{@link #get}: local; on a miss the node, then the peers. A block found upstream is checked
 *       against the CID asked for and put into the local store before it is returned.
 *   <li>{@link #put}, {@link #putPinned}, {@link #pin}, {@link #unpin}: the local store, and the
 *       node through the outbox. They complete once the local store has made the change durable and
 *       the outbox has recorded it durably, whether or not the node is up.
 *   <li>{@link #has}, {@link #size}, {@link #isPinned}, {@link #pins}, {@link #delete}: the local
 *       store only. It is the source of truth for what this gateway holds: {@code has} never
 *       reaches the network, and {@code has} is true exactly when {@code size} succeeds. {@code
 *       delete} does not delete from the node, which may hold the block for others and collects its
 *       own garbage; a write still waiting in the outbox for a deleted block is dropped.
 *   <li>{@link #exportCar} walks the DAG through {@link #get}, so missing blocks are fetched from
 *       upstream (and kept); {@link #importCar} stores through {@link #put} and {@link #pin}, so an
 *       imported CAR reaches the node too.
 * </ul>
 */
public final class TieredBlockStore implements BlockStore {

  private final Vertx vertx;
  private final BlockStore local;
  private final BlockStore node;
  private final BlockSource peers;
  private final Outbox outbox;
  private final Instant openedAt;

  private TieredBlockStore(Vertx vertx, Tiers tiers, Outbox outbox, Clock clock) {
    this.vertx = vertx;
    this.local = tiers.local();
    this.node = tiers.node().orElse(null);
    this.peers = tiers.peers().orElse(null);
    this.outbox = outbox;
    this.openedAt = clock.instant();
  }

  public static Future<TieredBlockStore> open(Vertx vertx, TieredStoreConfig config, Tiers tiers) {
    return open(vertx, config, tiers, Clock.systemUTC());
  }

  /**
   * Opens the outbox in {@code config.outboxDir()} (when there is a node), replays what an earlier
   * run left in it and starts pushing. Fails with {@code ConflictException} ({@code outbox-locked})
   * when another store uses that directory, and {@code IntegrityException} ({@code outbox-corrupt})
   * when the journal is damaged.
   */
  public static Future<TieredBlockStore> open(
      Vertx vertx, TieredStoreConfig config, Tiers tiers, Clock clock) {
    if (tiers.node().isEmpty()) {
      return Future.succeededFuture(new TieredBlockStore(vertx, tiers, null, clock));
    }
    return Outbox.open(
            vertx, config.outboxDir(), config.outbox(), tiers.local(), tiers.node().get(), clock)
        .map(outbox -> new TieredBlockStore(vertx, tiers, outbox, clock));
  }

  /** The outbox, the node and the peers, as they are now. */
  public TieredStatus status() {
    OutboxStatus box =
        outbox != null
            ? outbox.status()
            : new OutboxStatus(
                NodeState.NOT_CONFIGURED,
                openedAt,
                0,
                0,
                0,
                Optional.empty(),
                Optional.empty(),
                0,
                0,
                0);
    return new TieredStatus(box, peers != null ? peers.status() : List.of());
  }

  @Override
  public Future<Void> put(Block block) {
    return write(OutboxOp.PUT, block.cid(), () -> local.put(block));
  }

  @Override
  public Future<Void> putPinned(Block block) {
    return write(OutboxOp.PIN, block.cid(), () -> local.putPinned(block));
  }

  /**
   * Pins a block the local store has ({@code NotFoundException} otherwise), here and on the node.
   */
  @Override
  public Future<Void> pin(Cid cid) {
    return write(OutboxOp.PIN, cid, () -> local.pin(cid));
  }

  @Override
  public Future<Void> unpin(Cid cid) {
    return write(OutboxOp.UNPIN, cid, () -> local.unpin(cid));
  }

  private Future<Void> write(OutboxOp op, Cid cid, Supplier<Future<Void>> localWrite) {
    return outbox == null ? localWrite.get() : outbox.submit(op, cid, localWrite);
  }

  /**
   * The block, from the first tier that has it. Fails with {@code NotFoundException} only when
   * every tier answered that it does not have the block; when a tier failed instead, with that
   * failure ({@code IntegrityException} before {@code UpstreamException}), the others attached as
   * suppressed. A damaged local copy fails the read ({@code IntegrityException}) rather than being
   * papered over.
   */
  @Override
  public Future<Block> get(Cid cid) {
    return local
        .get(cid)
        .recover(
            miss ->
                miss instanceof NotFoundException && (node != null || peers != null)
                    ? fetch(cid, miss)
                    : Future.failedFuture(miss));
  }

  private Future<Block> fetch(Cid cid, Throwable localMiss) {
    Future<Block> found = node == null ? Future.failedFuture(localMiss) : fromNode(cid);
    if (peers != null) {
      found =
          found.recover(
              nodeMiss ->
                  peers
                      .get(cid)
                      .recover(peerMiss -> Future.failedFuture(verdict(cid, nodeMiss, peerMiss))));
    }
    return found.compose(block -> local.put(block).map(block));
  }

  private Future<Block> fromNode(Cid cid) {
    return node.get(cid)
        .compose(block -> asAskedFor(cid, block))
        .andThen(
            ar -> {
              if (ar.succeeded()) {
                outbox.nodeAnswered();
              }
            });
  }

  /**
   * The node's block re-addressed by the CID that was asked for. Usually the same CID; a node may
   * answer a CIDv0 question with a CIDv1 block (or the other way round), and then the bytes are
   * hashed again against the question.
   */
  private static Future<Block> asAskedFor(Cid cid, Block block) {
    if (block.cid().equals(cid)) {
      return Future.succeededFuture(block);
    }
    try {
      return Future.succeededFuture(Block.verified(cid, block.bytes()));
    } catch (IntegrityException e) {
      return Future.failedFuture(
          new IntegrityException(
              e.reason(), "the IPFS node answered " + cid + " with the block " + block.cid(), e));
    }
  }

  private Throwable verdict(Cid cid, Throwable nodeMiss, Throwable peerMiss) {
    if (nodeMiss instanceof NotFoundException && peerMiss instanceof NotFoundException) {
      return new NotFoundException(
          "block-not-found",
          cid
              + " is not in the local store"
              + (node != null ? ", on the IPFS node" : "")
              + " or at any peer gateway");
    }
    Throwable worse = severity(peerMiss) > severity(nodeMiss) ? peerMiss : nodeMiss;
    worse.addSuppressed(worse == peerMiss ? nodeMiss : peerMiss);
    return worse;
  }

  private static int severity(Throwable failure) {
    if (failure instanceof IntegrityException) {
      return 3;
    }
    return failure instanceof NotFoundException ? 1 : 2;
  }

  @Override
  public Future<Boolean> has(Cid cid) {
    return local.has(cid);
  }

  @Override
  public Future<Integer> size(Cid cid) {
    return local.size(cid);
  }

  @Override
  public Future<Void> delete(Cid cid) {
    return local.delete(cid);
  }

  @Override
  public Future<Boolean> isPinned(Cid cid) {
    return local.isPinned(cid);
  }

  @Override
  public Future<List<Cid>> pins() {
    return local.pins();
  }

  @Override
  public Future<CarExportResult> exportCar(CarExportRequest request, WriteStream<Buffer> out) {
    return CarExport.write(this, request, out);
  }

  @Override
  public Future<CarImportResult> importCar(ReadStream<Buffer> in, boolean pinRoots) {
    return CarImport.read(vertx, this, in, pinRoots);
  }

  /**
   * Closes the outbox (waiting for pushes in flight, keeping what is pending for the next start),
   * then the peers, the node and the local store. Each is closed even if an earlier one failed; the
   * first failure is reported.
   */
  @Override
  public Future<Void> close() {
    Future<Void> done = outbox != null ? outbox.close() : Future.succeededFuture();
    if (peers != null) {
      done = then(done, peers::close);
    }
    if (node != null) {
      done = then(done, node::close);
    }
    return then(done, local::close);
  }

  private static Future<Void> then(Future<Void> before, Supplier<Future<Void>> next) {
    return before.transform(
        first ->
            next.get()
                .transform(
                    second -> {
                      Throwable failure = first.failed() ? first.cause() : second.cause();
                      return failure != null
                          ? Future.failedFuture(failure)
                          : Future.<Void>succeededFuture();
                    }));
  }
}
