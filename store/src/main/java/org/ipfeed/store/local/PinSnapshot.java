package org.ipfeed.store.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32C;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.IpfeedException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Varint;

/**
 * The pin set as one file, {@code pins}: the 8-byte header {@code IPFPINS1}, a varint count, each
 * CID as a varint length and its binary form, and a CRC-32C (4 bytes, big-endian) of everything
 * before it.
 *
 * <p>It is replaced whole (temp file, fsync, rename, directory fsync), so it is always one complete
 * snapshot. It never needs to be an exact point in time: every pin change after the snapshot's
 * oldest possible moment is still in the journal, and replaying "pin" and "unpin" over a set that
 * already has some of them yields the same set.
 */
final class PinSnapshot {

  static final String FILE = "pins";
  private static final byte[] HEADER = "IPFPINS1".getBytes(StandardCharsets.US_ASCII);

  private PinSnapshot() {}

  /**
   * The pins in {@code dataDir}, empty when there is no snapshot yet.
   *
   * @throws IntegrityException {@code pins-corrupt} when the file is damaged
   */
  static Set<Cid> read(Path dataDir) throws IOException {
    IoGuard.offEventLoop();
    Path file = dataDir.resolve(FILE);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new HashSet<>();
    }
    try {
      if (bytes.length < HEADER.length + 5
          || !Arrays.equals(bytes, 0, HEADER.length, HEADER, 0, HEADER.length)) {
        throw corrupt(file, "it does not start with the pin snapshot header", null);
      }
      int end = bytes.length - 4;
      CRC32C crc = new CRC32C();
      crc.update(bytes, 0, end);
      int stored = ByteBuffer.wrap(bytes, end, 4).getInt();
      if ((int) crc.getValue() != stored) {
        throw corrupt(file, "it fails its CRC", null);
      }
      Varint.Read count = Varint.read(bytes, HEADER.length);
      int at = HEADER.length + count.length();
      Set<Cid> pins = new HashSet<>();
      for (long i = 0; i < count.value(); i++) {
        Varint.Read length = Varint.read(bytes, at);
        at += length.length();
        if (length.value() > end - at) {
          throw corrupt(file, "a CID runs past the end", null);
        }
        pins.add(Cid.decode(Arrays.copyOfRange(bytes, at, at + (int) length.value())));
        at += (int) length.value();
      }
      if (at != end) {
        throw corrupt(file, (end - at) + " bytes after the last CID", null);
      }
      return pins;
    } catch (IntegrityException e) {
      throw e;
    } catch (IpfeedException e) {
      throw corrupt(file, e.getMessage(), e);
    }
  }

  /** Replaces the snapshot with {@code pins}, durably. */
  static void write(Path dataDir, Collection<Cid> pins) throws IOException {
    IoGuard.offEventLoop();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + pins.size() * 40);
    out.write(HEADER);
    Varint.write(pins.size(), out);
    for (Cid cid : pins) {
      Varint.write(cid.byteLength(), out);
      out.write(cid.bytes());
    }
    CRC32C crc = new CRC32C();
    byte[] body = out.toByteArray();
    crc.update(body);
    ByteBuffer data = ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue());
    data.flip();
    Path temp = dataDir.resolve(FILE + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      while (data.hasRemaining()) {
        channel.write(data);
      }
      channel.force(true);
    }
    Files.move(
        temp,
        dataDir.resolve(FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    FlatfsSync.fsyncDirectory(dataDir);
  }

  /** Removes a temporary snapshot a crash left behind; the real one is untouched by it. */
  static boolean removeStray(Path dataDir) throws IOException {
    IoGuard.offEventLoop();
    return Files.deleteIfExists(dataDir.resolve(FILE + ".tmp"));
  }

  private static IntegrityException corrupt(Path file, String why, Throwable cause) {
    return new IntegrityException(
        "pins-corrupt", "the pin snapshot " + file + " is damaged: " + why, cause);
  }
}
