package org.ipfeed.schema.car;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Varint;

/**
 * Writes a CARv1 to a stream: the header when opened, then one section per {@link #write} call,
 * straight through to the stream, so a CAR of any size takes the memory of one block.
 *
 * <pre>{@code
 * try (CarWriter car = CarWriter.open(new BufferedOutputStream(out), List.of(root))) {
 *   car.write(root, rootBlock);
 *   car.write(child, childBlock);
 * }
 * }</pre>
 *
 * <p>Blocks are written as given, without hashing them again: the writer trusts its caller, and
 * every reader checks each block against its CID anyway. Not thread-safe.
 */
public final class CarWriter implements Closeable, Flushable {

  private final OutputStream out;

  private CarWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes the header {@code {roots: [...], version: 1}} and returns a writer for the blocks.
   * Closing the writer closes the stream.
   */
  public static CarWriter open(OutputStream out, List<Cid> roots) throws IOException {
    Objects.requireNonNull(out, "out");
    byte[] header = header(roots);
    out.write(Varint.encode(header.length));
    out.write(header);
    return new CarWriter(out);
  }

  /** The DAG-CBOR header of a CARv1 with these roots, without its length. */
  static byte[] header(List<Cid> roots) {
    return DagCbor.encode(
        Ipld.map()
            .put("roots", new Ipld.List(roots.stream().<Ipld>map(Ipld::of).toList()))
            .put("version", 1)
            .build());
  }

  /**
   * The bytes that open a CARv1 with these roots: the header's length and the header. For writers
   * that are not an {@link OutputStream}, such as a non-blocking HTTP response.
   */
  public static byte[] encodeHeader(List<Cid> roots) {
    byte[] header = header(roots);
    byte[] out = new byte[Varint.size(header.length) + header.length];
    System.arraycopy(header, 0, out, Varint.write(header.length, out, 0), header.length);
    return out;
  }

  /** The bytes of one section (length, CID, block), for writers that are not a stream. */
  public static byte[] encodeSection(Cid cid, byte[] block) {
    long length = (long) cid.byteLength() + block.length;
    byte[] out = new byte[Varint.size(length) + (int) length];
    int at = Varint.write(length, out, 0);
    at = cid.writeTo(out, at);
    System.arraycopy(block, 0, out, at, block.length);
    return out;
  }

  /** Writes one section: its length, the CID, the block. */
  public void write(Cid cid, byte[] block) throws IOException {
    Objects.requireNonNull(block, "block");
    byte[] prefix = new byte[Varint.MAX_BYTES + cid.byteLength()];
    int end = Varint.write((long) cid.byteLength() + block.length, prefix, 0);
    end = cid.writeTo(prefix, end);
    out.write(prefix, 0, end);
    out.write(block);
  }

  /** Writes one section for a block read from another CAR or a store. */
  public void write(CarBlock block) throws IOException {
    write(block.cid(), block.bytes());
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Closes the underlying stream. */
  @Override
  public void close() throws IOException {
    out.close();
  }
}
