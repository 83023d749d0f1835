package org.ipfeed.schema.car;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.ipfeed.schema.codec.CodecException;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Varint;

/**
 * Reads a CAR from a stream one block at a time, checking every block against its CID before
 * handing it out.
 *
 * <pre>{@code
 * try (InputStream in = new BufferedInputStream(body); CarReader car = CarReader.open(in)) {
 *   List<Cid> roots = car.roots();
 *   for (CarBlock block = car.next(); block != null; block = car.next()) {
 *     store.put(block);
 *   }
 * }
 * }</pre>
 *
 * <p>Reads CARv1, and CARv2 by reading the CARv1 payload inside it (the index is ignored). Only the
 * current section is held in memory, and every length taken from the input is checked against
 * {@link Limits} before anything is allocated for it. Errors say at which byte of the input the
 * offending header or section starts. Varints are read a byte at a time, so give it a buffered
 * stream; it never reads past the section it returns. Not thread-safe.
 */
public final class CarReader implements Closeable {

  /**
   * How large the header and one section may be. These bound what a single length in the input can
   * make the reader allocate.
   *
   * @param maxHeaderBytes the DAG-CBOR header; default 1 MiB
   * @param maxSectionBytes one section, CID and block together; default 1 MiB + 128 bytes: a 1 MiB
   *     block with room for its CID (a sha2-256 CIDv1 takes 36 bytes)
   */
  public record Limits(int maxHeaderBytes, int maxSectionBytes) {

    public static final Limits DEFAULT = new Limits(1 << 20, (1 << 20) + 128);

    public Limits {
      if (maxHeaderBytes < 1 || maxSectionBytes < 1) {
        throw new IllegalArgumentException(
            "CAR limits must be positive, got " + maxHeaderBytes + " and " + maxSectionBytes);
      }
    }
  }

  /**
   * The first bytes of every CARv2: header length 10, then the DAG-CBOR map {@code {version: 2}}.
   * It is chosen so that a CARv1-only reader stops at an unknown version.
   */
  private static final byte[] V2_PRAGMA = {
    0x0a, (byte) 0xa1, 0x67, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0x02
  };

  /** Characteristics (16 bytes), then data offset, data size and index offset (uint64 LE). */
  private static final int V2_HEADER_BYTES = 40;

  private static final int V2_CHARACTERISTICS_BYTES = 16;

  private final Source in;
  private final Limits limits;
  private final int version;
  private final List<Cid> roots;
  private boolean ended;
  private boolean failed;

  private CarReader(Source in, Limits limits, int version, List<Cid> roots) {
    this.in = in;
    this.limits = limits;
    this.version = version;
    this.roots = roots;
  }

  /** Reads the header of a CAR with the {@link Limits#DEFAULT default limits}. */
  public static CarReader open(InputStream in) throws IOException {
    return open(in, Limits.DEFAULT);
  }

  /**
   * Reads the header of a CAR (for a CARv2, also the header of its payload), leaving the stream at
   * the first block. Closing the reader closes the stream; if this method throws, the stream is
   * still the caller's to close.
   *
   * @throws BadInputException when the input is not a CAR this reader accepts: {@code
   *     car-truncated}, {@code invalid-varint}, {@code car-header-too-large}, {@code
   *     invalid-car-header}, {@code unsupported-car-version} or {@code invalid-carv2-header}
   */
  public static CarReader open(InputStream in, Limits limits) throws IOException {
    Source source = new Source(Objects.requireNonNull(in, "in"));
    Objects.requireNonNull(limits, "limits");
    byte[] header = readHeader(source, limits);
    if (Arrays.equals(header, 0, header.length, V2_PRAGMA, 1, V2_PRAGMA.length)) {
      enterV2Payload(source);
      long at = source.position;
      return new CarReader(source, limits, 2, roots(readHeader(source, limits), at, true));
    }
    return new CarReader(source, limits, 1, roots(header, 0, false));
  }

  /** 1 for a CARv1, 2 for a CARv2 (whose blocks come from the CARv1 inside it). */
  public int version() {
    return version;
  }

  /** The root CIDs the header names, possibly none; the blocks need not include them. */
  public List<Cid> roots() {
    return roots;
  }

  /**
   * Reads the next section and checks its block against its CID.
   *
   * @return the block, or {@code null} once the input has ended cleanly after the last one
   * @throws BadInputException when the section is malformed ({@code car-truncated}, {@code
   *     car-empty-section}, {@code car-section-too-large}, {@code invalid-varint}, {@code
   *     invalid-cid}) or its hash function is one we cannot check ({@code unsupported-hash})
   * @throws IntegrityException {@code block-mismatch}, naming the CID, when the block does not hash
   *     to it
   * @throws IllegalStateException after an earlier call failed: the stream is no longer at a
   *     section boundary, so nothing after the failure can be read
   */
  public CarBlock next() throws IOException {
    if (failed) {
      throw new IllegalStateException(
          "an earlier read of this CAR failed; the reader cannot go on past it");
    }
    if (ended) {
      return null;
    }
    boolean ok = false;
    try {
      CarBlock block = readSection();
      ended = block == null;
      ok = true;
      return block;
    } finally {
      failed = !ok;
    }
  }

  /**
   * The remaining blocks as a lazy, sequential stream over {@link #next()}; an {@link IOException}
   * arrives wrapped in an {@link UncheckedIOException}.
   */
  public Stream<CarBlock> blocks() {
    Spliterator<CarBlock> blocks =
        new Spliterators.AbstractSpliterator<>(
            Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          @Override
          public boolean tryAdvance(Consumer<? super CarBlock> action) {
            CarBlock block;
            try {
              block = next();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            if (block == null) {
              return false;
            }
            action.accept(block);
            return true;
          }
        };
    return StreamSupport.stream(blocks, false);
  }

  /** Closes the underlying stream. */
  @Override
  public void close() throws IOException {
    in.close();
  }

  private CarBlock readSection() throws IOException {
    long at = in.position;
    long length = readLength(in, "CAR section length at byte " + at);
    if (length < 0) {
      if (in.end != Long.MAX_VALUE && at < in.end) {
        throw truncated(
            "the stream ends at byte "
                + at
                + ", inside the CARv2 payload that ends at byte "
                + in.end);
      }
      return null;
    }
    if (length == 0) {
      throw new BadInputException(
          "car-empty-section", "CAR section at byte " + at + " has length 0; it must hold a CID");
    }
    if (length > limits.maxSectionBytes()) {
      throw new BadInputException(
          "car-section-too-large",
          "CAR section at byte "
              + at
              + " claims "
              + length
              + " bytes; the limit is "
              + limits.maxSectionBytes());
    }
    byte[] section = readExactly(in, (int) length, "CAR section at byte " + at);
    Cid.Read read;
    try {
      read = Cid.read(section, 0);
    } catch (BadInputException e) {
      throw new BadInputException(
          e.reason(), "CAR section at byte " + at + ": " + e.getMessage(), e);
    }
    Cid cid = read.cid();
    byte[] block = Arrays.copyOfRange(section, read.length(), section.length);
    if (!cid.multihash().isSupported()) {
      throw new BadInputException(
          "unsupported-hash",
          "block "
              + cid
              + " in the CAR section at byte "
              + at
              + " uses hash function "
              + cid.multihash().function().name()
              + ", which cannot be checked here");
    }
    if (!cid.matches(block)) {
      throw new IntegrityException(
          "block-mismatch",
          "the block in the CAR section at byte " + at + " does not hash to its CID " + cid);
    }
    return new CarBlock(cid, block);
  }

  private static byte[] readHeader(Source in, Limits limits) throws IOException {
    long at = in.position;
    long length = readLength(in, "CAR header length at byte " + at);
    if (length < 0) {
      throw truncated(
          at == 0
              ? "the input is empty; a CAR starts with a header"
              : "the CARv2 payload at byte " + at + " is empty; it must start with a CARv1 header");
    }
    if (length == 0) {
      throw new BadInputException(
          "invalid-car-header", "CAR header at byte " + at + " has length 0");
    }
    if (length > limits.maxHeaderBytes()) {
      throw new BadInputException(
          "car-header-too-large",
          "CAR header at byte "
              + at
              + " claims "
              + length
              + " bytes; the limit is "
              + limits.maxHeaderBytes());
    }
    return readExactly(in, (int) length, "CAR header at byte " + at);
  }

  /**
   * Checks a CARv1 header: a DAG-CBOR map of exactly {@code roots} (a list of links) and {@code
   * version} 1. The version is checked first, since another version may have another shape.
   */
  private static List<Cid> roots(byte[] header, long at, boolean insideV2) {
    Ipld value;
    try {
      value = DagCbor.decode(header);
    } catch (CodecException e) {
      throw invalidHeader(at, "is not valid DAG-CBOR: " + e.getMessage(), e);
    }
    if (!(value instanceof Ipld.Map map)) {
      throw invalidHeader(at, "must be a map, not a " + kind(value), null);
    }
    Ipld version = map.get("version");
    if (version == null) {
      throw invalidHeader(at, "has no version", null);
    }
    if (!(version instanceof Ipld.Int || version instanceof Ipld.BigInt)) {
      throw invalidHeader(
          at, "has a version that is a " + kind(version) + ", not an integer", null);
    }
    if (!(version instanceof Ipld.Int v && v.value() == 1)) {
      throw unsupportedVersion(at, version, insideV2);
    }
    for (String key : map.entries().keySet()) {
      if (!key.equals("roots") && !key.equals("version")) {
        throw invalidHeader(at, "has a key '" + key + "' besides roots and version", null);
      }
    }
    if (!(map.get("roots") instanceof Ipld.List list)) {
      throw invalidHeader(
          at, map.get("roots") == null ? "has no roots" : "has roots that are not a list", null);
    }
    List<Cid> roots = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Ipld.Link link)) {
        throw invalidHeader(
            at, "has root " + i + " that is a " + kind(list.get(i)) + ", not a link", null);
      }
      roots.add(link.cid());
    }
    return List.copyOf(roots);
  }

  private static BadInputException unsupportedVersion(long at, Ipld version, boolean insideV2) {
    String v =
        version instanceof Ipld.Int i
            ? Long.toString(i.value())
            : ((Ipld.BigInt) version).value().toString();
    String message;
    if (insideV2) {
      message =
          "the payload of a CARv2 must be a CARv1, but its header at byte "
              + at
              + " says version "
              + v;
    } else if (v.equals("2")) {
      message =
          "the CAR header says version 2 but is not the CARv2 pragma (0a a1 67 76 65 72 73 69 6f"
              + " 6e 02, with no roots), so this is neither a CARv1 nor a CARv2";
    } else {
      message = "CAR version " + v + " is not supported; only versions 1 and 2 are";
    }
    return new BadInputException("unsupported-car-version", message);
  }

  private static String kind(Ipld value) {
    return value.kind().name().toLowerCase(Locale.ROOT);
  }

  private static BadInputException invalidHeader(long at, String problem, Throwable cause) {
    return new BadInputException(
        "invalid-car-header", "CAR header at byte " + at + " " + problem, cause);
  }

  /**
   * After the pragma: reads the CARv2 header, skips to the payload and makes the payload's end look
   * like the end of the stream.
   */
  private static void enterV2Payload(Source in) throws IOException {
    long at = in.position;
    byte[] header = readExactly(in, V2_HEADER_BYTES, "CARv2 header at byte " + at);
    ByteBuffer fields =
        ByteBuffer.wrap(
                header, V2_CHARACTERISTICS_BYTES, V2_HEADER_BYTES - V2_CHARACTERISTICS_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
    long dataOffset = fields.getLong();
    long dataSize = fields.getLong();
    long headerEnd = V2_PRAGMA.length + V2_HEADER_BYTES;
    // A uint64 of 2^63 or more reads as a negative long; no stream we can read is that long.
    if (dataOffset < 0 || dataSize < 0 || dataSize > Long.MAX_VALUE - dataOffset) {
      throw invalidV2Header(
          "data offset "
              + Long.toUnsignedString(dataOffset)
              + " and data size "
              + Long.toUnsignedString(dataSize)
              + " reach beyond any stream we can read");
    }
    if (dataOffset < headerEnd) {
      throw invalidV2Header(
          "data offset "
              + dataOffset
              + " points into the pragma and header, which end at byte "
              + headerEnd);
    }
    if (dataSize == 0) {
      throw invalidV2Header("data size 0 leaves no room for the CARv1 payload");
    }
    try {
      in.skipNBytes(dataOffset - in.position);
    } catch (EOFException e) {
      throw truncated(
          "the stream ends at byte "
              + in.position
              + ", before the CARv2 payload at byte "
              + dataOffset);
    }
    in.end = dataOffset + dataSize;
  }

  private static BadInputException invalidV2Header(String problem) {
    return new BadInputException("invalid-carv2-header", "CARv2 header: " + problem);
  }

  /** A length varint, or -1 when the input ends cleanly before its first byte. */
  private static long readLength(Source in, String what) throws IOException {
    try {
      return Varint.read(in);
    } catch (BadInputException e) {
      if (in.atEnd) {
        throw truncated(what + " is cut off");
      }
      throw new BadInputException(e.reason(), what + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readExactly(Source in, int length, String what) throws IOException {
    byte[] out = new byte[length];
    int n = in.readNBytes(out, 0, length);
    if (n < length) {
      throw truncated(what + " needs " + length + " bytes but only " + n + " follow");
    }
    return out;
  }

  private static BadInputException truncated(String message) {
    return new BadInputException("car-truncated", message);
  }

  /**
   * The input, counted so that errors can say where they are, and cut off at the end of a CARv2
   * payload so that its end reads like the end of a CARv1.
   */
  private static final class Source extends InputStream {
    private final InputStream in;
    private long position;
    private long end = Long.MAX_VALUE;
    private boolean atEnd; // the latest read found no byte

    Source(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = position < end ? in.read() : -1;
      atEnd = b < 0;
      if (!atEnd) {
        position++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, buffer.length);
      if (length == 0) {
        return 0;
      }
      int n = position < end ? in.read(buffer, offset, (int) Math.min(length, end - position)) : -1;
      atEnd = n < 0;
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
