package org.ipfeed.store.local;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.ipfeed.schema.error.IpfeedException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Varint;
import org.ipfeed.store.Block;

/**
 * The journal's bytes. A segment is an 8-byte header ({@code IPFJRNL1}) and then records:
 *
 * <pre>
 * record  = length body crc
 * length  = varint, the byte count of body
 * body    = op payload
 * op      = 1 byte: 1 PUT, 2 PIN, 3 UNPIN, 4 DELETE
 * payload = PUT:   flags (1 byte, bit 0 = pinned) varint(cid length) cid block-bytes
 *           other: cid
 * crc     = CRC-32C of length and body, 4 bytes big-endian
 * </pre>
 *
 * <p>The length comes first so a reader knows where the record ends before trusting it; the CRC
 * covers the length too, so a damaged length cannot send the reader into the middle of the next
 * record unnoticed. A PUT is further checked against its CID on replay: the journal is one more
 * path that brings bytes in.
 */
final class JournalCodec {

  static final byte[] HEADER = "IPFJRNL1".getBytes(StandardCharsets.US_ASCII);

  static final int OP_PUT = 1;
  static final int OP_PIN = 2;
  static final int OP_UNPIN = 3;
  static final int OP_DELETE = 4;

  private static final int FLAG_PINNED = 1;

  /** Room for the op, flags, CID length and any CID next to the largest block. */
  static final int MAX_BODY = Block.MAX_BYTES + 1024;

  private JournalCodec() {}

  /** A growable byte array that records are encoded into, one batch at a time. */
  static final class Buffer {
    private byte[] bytes;
    private int size;
    private final CRC32C crc = new CRC32C();

    Buffer(int initialCapacity) {
      bytes = new byte[initialCapacity];
    }

    int size() {
      return size;
    }

    byte[] array() {
      return bytes;
    }

    void clear() {
      size = 0;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }

  /** Appends one record and returns its encoded length. */
  static int encode(JournalRecord record, Buffer out) {
    int start = out.size;
    int bodyLength;
    if (record instanceof JournalRecord.Put put) {
      Cid cid = put.block().cid();
      bodyLength = 2 + Varint.size(cid.byteLength()) + cid.byteLength() + put.block().length();
      out.ensure(Varint.MAX_BYTES + bodyLength + 4);
      out.size = Varint.write(bodyLength, out.bytes, out.size);
      out.bytes[out.size++] = OP_PUT;
      out.bytes[out.size++] = (byte) (put.pinned() ? FLAG_PINNED : 0);
      out.size = Varint.write(cid.byteLength(), out.bytes, out.size);
      out.size = cid.writeTo(out.bytes, out.size);
      put.block().copyTo(out.bytes, out.size);
      out.size += put.block().length();
    } else {
      int op;
      Cid cid;
      if (record instanceof JournalRecord.Pin pin) {
        op = OP_PIN;
        cid = pin.cid();
      } else if (record instanceof JournalRecord.Unpin unpin) {
        op = OP_UNPIN;
        cid = unpin.cid();
      } else {
        op = OP_DELETE;
        cid = ((JournalRecord.Delete) record).cid();
      }
      bodyLength = 1 + cid.byteLength();
      out.ensure(Varint.MAX_BYTES + bodyLength + 4);
      out.size = Varint.write(bodyLength, out.bytes, out.size);
      out.bytes[out.size++] = (byte) op;
      out.size = cid.writeTo(out.bytes, out.size);
    }
    out.crc.reset();
    out.crc.update(out.bytes, start, out.size - start);
    writeInt((int) out.crc.getValue(), out.bytes, out.size);
    out.size += 4;
    return out.size - start;
  }

  private static void writeInt(int value, byte[] out, int offset) {
    out[offset] = (byte) (value >>> 24);
    out[offset + 1] = (byte) (value >>> 16);
    out[offset + 2] = (byte) (value >>> 8);
    out[offset + 3] = (byte) value;
  }

  private static int readInt(byte[] in, int offset) {
    return (in[offset] & 0xFF) << 24
        | (in[offset + 1] & 0xFF) << 16
        | (in[offset + 2] & 0xFF) << 8
        | (in[offset + 3] & 0xFF);
  }

  /** Why reading a segment stopped where it did. */
  enum End {
    /** The last record ended exactly at the end of the file. */
    CLEAN,
    /** The file ends inside a record: a write the crash cut short. */
    TORN,
    /** A record fails its CRC, its CID check or its format. */
    CORRUPT
  }

  /** Thrown by {@link Reader#next} when reading must stop before the end of the file. */
  static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;
    private final End end;

    Stop(End end, String message) {
      super(message, null, false, false);
      this.end = end;
    }

    End end() {
      return end;
    }
  }

  /** Reads records from one segment, front to back, trusting none until it is checked. */
  static final class Reader {
    private final InputStream in;
    private final CRC32C crc = new CRC32C();
    private final byte[] lengthBytes = new byte[Varint.MAX_BYTES];
    private long offset;

    /**
     * Starts reading a segment after checking its header.
     *
     * @throws Stop when the header is missing, short or wrong
     */
    Reader(InputStream in) throws IOException, Stop {
      this.in = in;
      byte[] header = in.readNBytes(HEADER.length);
      if (header.length < HEADER.length) {
        throw new Stop(End.TORN, "the segment header is cut short");
      }
      if (!Arrays.equals(header, HEADER)) {
        throw new Stop(End.CORRUPT, "the segment does not start with the journal header");
      }
      offset = HEADER.length;
    }

    /** Where the next record starts. */
    long offset() {
      return offset;
    }

    /**
     * The next record, or null at a clean end of the file.
     *
     * @throws Stop when the rest of the file cannot be trusted
     */
    JournalRecord next() throws IOException, Stop {
      int lengthSize = 0;
      long length = 0;
      while (true) {
        int b = in.read();
        if (b < 0) {
          if (lengthSize == 0) {
            return null;
          }
          throw new Stop(End.TORN, "the file ends inside a record length at " + offset);
        }
        lengthBytes[lengthSize] = (byte) b;
        length |= (long) (b & 0x7F) << (7 * lengthSize);
        lengthSize++;
        if ((b & 0x80) == 0) {
          break;
        }
        if (lengthSize == 4) {
          throw new Stop(End.CORRUPT, "an impossible record length at " + offset);
        }
      }
      if (length < 1 || length > MAX_BODY) {
        throw new Stop(End.CORRUPT, "an impossible record length " + length + " at " + offset);
      }
      byte[] body = new byte[(int) length + 4];
      try {
        readFully(body);
      } catch (EOFException e) {
        throw new Stop(End.TORN, "the file ends inside the record at " + offset);
      }
      crc.reset();
      crc.update(lengthBytes, 0, lengthSize);
      crc.update(body, 0, (int) length);
      if ((int) crc.getValue() != readInt(body, (int) length)) {
        throw new Stop(End.CORRUPT, "the record at " + offset + " fails its CRC");
      }
      JournalRecord record;
      try {
        record = decode(body, (int) length);
      } catch (IpfeedException | IllegalArgumentException e) {
        throw new Stop(
            End.CORRUPT, "the record at " + offset + " does not decode: " + e.getMessage());
      }
      offset += lengthSize + length + 4;
      return record;
    }

    private void readFully(byte[] into) throws IOException {
      int read = in.readNBytes(into, 0, into.length);
      if (read < into.length) {
        throw new EOFException();
      }
    }
  }

  private static JournalRecord decode(byte[] body, int length) {
    int op = body[0];
    if (op == OP_PUT) {
      if (length < 3) {
        throw new IllegalArgumentException("a PUT record too short for its header");
      }
      boolean pinned = (body[1] & FLAG_PINNED) != 0;
      Varint.Read cidLength = Varint.read(body, 2);
      int cidStart = 2 + cidLength.length();
      if (cidLength.value() > length - cidStart) {
        throw new IllegalArgumentException("a CID longer than its record");
      }
      int blockStart = cidStart + (int) cidLength.value();
      Cid cid = Cid.decode(Arrays.copyOfRange(body, cidStart, blockStart));
      // Block.verified hashes the bytes: a record with a sound CRC but the wrong bytes stops here.
      Block block = Block.verified(cid, Arrays.copyOfRange(body, blockStart, length));
      return new JournalRecord.Put(block, pinned);
    }
    Cid cid = Cid.decode(Arrays.copyOfRange(body, 1, length));
    if (op == OP_PIN) {
      return new JournalRecord.Pin(cid);
    }
    if (op == OP_UNPIN) {
      return new JournalRecord.Unpin(cid);
    }
    if (op == OP_DELETE) {
      return new JournalRecord.Delete(cid);
    }
    throw new IllegalArgumentException("unknown op " + op);
  }
}
