package org.ipfeed.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.List;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;

/**
 * Where blocks live; see the package documentation.
 *
 * <p>Every method returns at once and completes its future later; none blocks the caller's thread.
 * A completed {@link #put} means the block is durable in this store (it survives a crash or a
 * restart of the process or the node). Failures use the schema's error vocabulary.
 */
public interface BlockStore {

  /** Stores {@code block}; completes once it is durable. Storing a block twice is harmless. */
  Future<Void> put(Block block);

  /** Stores {@code block} and pins it, durably, as one step. */
  Future<Void> putPinned(Block block);

  /** Hashes {@code bytes} as {@code codec}, stores the block and completes with its CID. */
  default Future<Cid> put(byte[] bytes, Multicodec codec) {
    Block block;
    try {
      block = Block.of(bytes, codec);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return put(block).map(block.cid());
  }

  /**
   * The block behind {@code cid}, verified against it.
   *
   * <p>Fails with {@code NotFoundException} when this store does not have it, and with {@code
   * IntegrityException} when what it has does not match (a damaged file, a lying node): damaged
   * bytes are reported, never served.
   */
  Future<Block> get(Cid cid);

  Future<Boolean> has(Cid cid);

  /** The block's length in bytes; {@code NotFoundException} when absent. */
  Future<Integer> size(Cid cid);

  /**
   * Removes the block. Absent blocks are fine; a pinned block is refused with {@code
   * ConflictException} (unpin it first).
   */
  Future<Void> delete(Cid cid);

  /** Pins a block this store has ({@code NotFoundException} otherwise). Idempotent. */
  Future<Void> pin(Cid cid);

  /** Removes a pin; unpinning what is not pinned is fine. */
  Future<Void> unpin(Cid cid);

  Future<Boolean> isPinned(Cid cid);

  /** Every pinned CID. */
  Future<List<Cid>> pins();

  /**
   * Writes a CARv1 of the DAG under {@code request.roots()} to {@code out}, streamed (one block in
   * memory at a time), honouring {@code out}'s back-pressure. Does not end {@code out}.
   */
  Future<CarExportResult> exportCar(CarExportRequest request, WriteStream<Buffer> out);

  /**
   * Reads a CAR (v1, or v2 through its v1 payload) from {@code in}, verifies every block and the
   * presence of every root, and only then stores the blocks (pinning the roots when asked). On any
   * failure nothing is stored.
   */
  Future<CarImportResult> importCar(ReadStream<Buffer> in, boolean pinRoots);

  /** Releases files, connections and threads. Further calls fail. */
  Future<Void> close();
}
