package org.ipfeed.store.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.multiformats.Multibase;
import org.ipfeed.schema.multiformats.Multihash;
import org.ipfeed.store.Block;

/**
 * Blocks as files, laid out as Kubo's flatfs datastore lays them out: {@code
 * blocks/<shard>/<key>.data}, where the key is the block's multihash in upper-case RFC 4648 base32
 * without padding and the shard is the key's next-to-last two characters ({@code
 * /repo/flatfs/shard/v1/next-to-last/2}, recorded in {@code blocks/SHARDING}). Keying by multihash
 * rather than CID is what Kubo does too: a CIDv0 and a CIDv1, or one hash under two codecs, name
 * one file.
 *
 * <p>New files are written in place ({@link #createInPlace}): the journal still holds their blocks
 * and memory serves them until they are whole. A file that must be replaced (a damaged one, healed
 * by a put or by recovery) is written under {@code blocks/.temp/} and renamed over it, so it is
 * never torn where a reader looks. This class makes nothing durable; {@link FlatfsSync} does, later
 * and in bulk.
 */
final class FlatFs {

  /** The shard function, exactly as flatfs writes it into {@code SHARDING}. */
  static final String SHARD_FUNCTION = "/repo/flatfs/shard/v1/next-to-last/2";

  static final String EXTENSION = ".data";
  private static final int SHARD_LENGTH = 2;
  private static final String PADDING = "_".repeat(SHARD_LENGTH + 1);

  private static final String README =
      """
      This directory holds content-addressed blocks, one file per block, in the
      layout of Kubo's flatfs datastore.

      A block's file is named after its multihash in upper-case base32 (RFC 4648,
      no padding) with ".data" appended, and sits in a directory named after the
      next-to-last two characters of that name (see SHARDING). The empty UnixFS
      directory (QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn), whose sha2-256
      multihash is CIQFTFEEHEDF6KLBT32BFAGLXEZL4UWFNWM4LFTLMXQBCERZ6CMLX3Y, lives at

        X3/CIQFTFEEHEDF6KLBT32BFAGLXEZL4UWFNWM4LFTLMXQBCERZ6CMLX3Y.data

      .temp/ holds replacements for damaged files while they are written; it is
      emptied whenever the store opens. After a crash, let ipfeed open this
      directory once before any other program reads it: a file may be torn
      until ipfeed's recovery has rewritten it from the journal.
      Written by ipfeed's local block store; see docs/local-store.md.
      """;

  private final Path root;
  private final Path temp;
  private final AtomicLong tempCounter = new AtomicLong();

  FlatFs(Path root) {
    this.root = root;
    this.temp = root.resolve(".temp");
  }

  Path root() {
    return root;
  }

  Path tempDir() {
    return temp;
  }

  /** The file name of a block, without the extension. */
  static String key(Multihash multihash) {
    return Multibase.BASE32_UPPER.encodeBare(multihash.bytes());
  }

  /** The shard directory name of a key: its next-to-last two characters, padded with '_'. */
  static String shard(String key) {
    String padded = PADDING + key;
    int offset = padded.length() - SHARD_LENGTH - 1;
    return padded.substring(offset, offset + SHARD_LENGTH);
  }

  Path file(Multihash multihash) {
    String key = key(multihash);
    return root.resolve(shard(key)).resolve(key + EXTENSION);
  }

  Path dir(Multihash multihash) {
    return root.resolve(shard(key(multihash)));
  }

  /** The multihash a block file name stands for, or empty for any other file. */
  static Optional<Multihash> multihashOf(String fileName) {
    if (!fileName.endsWith(EXTENSION)) {
      return Optional.empty();
    }
    String key = fileName.substring(0, fileName.length() - EXTENSION.length());
    try {
      byte[] bytes = Multibase.BASE32_UPPER.decodeBare(key);
      Multihash.Read read = Multihash.read(bytes, 0);
      if (read.length() != bytes.length || !key(read.multihash()).equals(key)) {
        return Optional.empty();
      }
      return Optional.of(read.multihash());
    } catch (BadInputException e) {
      return Optional.empty();
    }
  }

  /**
   * Creates the layout, or checks an existing one uses our shard function, and empties {@code
   * .temp}: whatever is there was being written when a process died and was never acknowledged from
   * there (the journal holds every acknowledged block).
   *
   * @return how many stray temporary files were removed
   */
  int prepare() throws IOException {
    IoGuard.offEventLoop();
    Files.createDirectories(root);
    Path sharding = root.resolve("SHARDING");
    if (Files.exists(sharding)) {
      String found = Files.readString(sharding, StandardCharsets.UTF_8).trim();
      if (!found.equals(SHARD_FUNCTION)) {
        throw new ConflictException(
            "unsupported-layout",
            root + " is sharded by '" + found + "', this store only reads " + SHARD_FUNCTION);
      }
    } else {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
        for (Path entry : entries) {
          if (!entry.getFileName().toString().startsWith(".")) {
            throw new ConflictException(
                "unsupported-layout",
                root + " holds files but no SHARDING file: not a block directory we wrote");
          }
        }
      }
      Files.writeString(sharding, SHARD_FUNCTION + "\n", StandardCharsets.UTF_8);
      Files.writeString(root.resolve("_README"), README, StandardCharsets.UTF_8);
      FlatfsSync.fsyncFile(sharding);
      FlatfsSync.fsyncDirectory(root);
    }
    int removed = 0;
    if (Files.isDirectory(temp)) {
      try (DirectoryStream<Path> strays = Files.newDirectoryStream(temp)) {
        for (Path stray : strays) {
          Files.delete(stray);
          removed++;
        }
      }
    } else {
      Files.createDirectories(temp);
    }
    return removed;
  }

  /**
   * The bytes of a block's file, unverified.
   *
   * @throws NoSuchFileException when there is none
   */
  byte[] read(Multihash multihash) throws IOException {
    IoGuard.offEventLoop();
    try (FileChannel in = FileChannel.open(file(multihash), StandardOpenOption.READ)) {
      long size = in.size();
      // One byte over the limit is enough for Block.verified to call it too large.
      int length = (int) Math.min(size, Block.MAX_BYTES + 1L);
      ByteBuffer buffer = ByteBuffer.allocate(length);
      while (buffer.hasRemaining() && in.read(buffer) >= 0) {
        // keep reading: a regular file may still return short reads
      }
      return buffer.hasRemaining()
          ? Arrays.copyOf(buffer.array(), buffer.position())
          : buffer.array();
    }
  }

  boolean exists(Multihash multihash) {
    IoGuard.offEventLoop();
    return Files.exists(file(multihash));
  }

  /** Whether the block's file exists and holds exactly its bytes (so writing it again is moot). */
  boolean holds(Block block) throws IOException {
    // Usually there is no file: a stat is cheaper than the exception a failed open costs in Java.
    if (!exists(block.cid().multihash())) {
      return false;
    }
    try {
      byte[] found = read(block.cid().multihash());
      return found.length == block.length() && Arrays.equals(found, block.bytes());
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /**
   * Creates the block's file in place and writes it; not synced. The file is torn until this
   * returns, which is safe only for a caller that holds the block's stripe lock and keeps the block
   * in memory meanwhile (a reader that misses memory then finds a whole file), while the journal
   * still holds the block (a crash leaves a torn file that recovery rewrites).
   *
   * @return false, writing nothing, when a file of that name exists already
   */
  boolean createInPlace(Block block) throws IOException {
    IoGuard.offEventLoop();
    Path target = file(block.cid().multihash());
    FileChannel created = openNew(target);
    if (created == null) {
      return false;
    }
    writeAndClose(created, block, target);
    return true;
  }

  /** Writes all the bytes and closes the file; a file left short by an error is removed. */
  private static void writeAndClose(FileChannel file, Block block, Path path) throws IOException {
    try (FileChannel out = file) {
      ByteBuffer buffer = block.asReadOnlyBuffer();
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    } catch (IOException e) {
      Files.deleteIfExists(path);
      throw e;
    }
  }

  /** A new file opened for writing, creating its shard on first use; null if it exists. */
  private static FileChannel openNew(Path target) throws IOException {
    try {
      return FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      return null;
    } catch (NoSuchFileException e) {
      createShard(target.getParent());
    }
    try {
      return FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException raced) {
      return null;
    }
  }

  private static void createShard(Path shard) throws IOException {
    try {
      Files.createDirectory(shard);
    } catch (FileAlreadyExistsException raced) {
      // another materializer created it first: fine
    }
  }

  /** Writes the block to a new file under {@code .temp}; not synced. */
  Path writeTemp(Block block) throws IOException {
    IoGuard.offEventLoop();
    Path path = temp.resolve(key(block.cid().multihash()) + "." + tempCounter.incrementAndGet());
    writeAndClose(
        FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        block,
        path);
    return path;
  }

  /** Renames a temporary file onto the block's name, creating the shard directory on first use. */
  void moveIntoPlace(Path tempFile, Multihash multihash) throws IOException {
    IoGuard.offEventLoop();
    Path target = file(multihash);
    try {
      Files.move(tempFile, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      if (!Files.exists(tempFile)) {
        throw e;
      }
      createShard(target.getParent());
      Files.move(tempFile, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Removes the block's file; absent is fine. */
  boolean delete(Multihash multihash) throws IOException {
    IoGuard.offEventLoop();
    return Files.deleteIfExists(file(multihash));
  }

  /** What {@link #forEachBlockIn} hands over: one block file and its size. */
  interface BlockVisitor {
    void visit(Multihash multihash, long size) throws IOException;
  }

  /** The shard directories, in no particular order. */
  List<Path> shards() throws IOException {
    IoGuard.offEventLoop();
    List<Path> shards = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path entry : entries) {
        if (entry.getFileName().toString().length() == SHARD_LENGTH) {
          shards.add(entry);
        }
      }
    }
    return shards;
  }

  /**
   * Visits every block file of one shard directory. Files that are not block files, or sit in the
   * wrong shard, are left out (and so left alone by anyone acting on the visit).
   */
  void forEachBlockIn(Path shard, BlockVisitor visitor) throws IOException {
    IoGuard.offEventLoop();
    String shardName = shard.getFileName().toString();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
      for (Path file : files) {
        Optional<Multihash> multihash = multihashOf(file.getFileName().toString());
        if (multihash.isEmpty() || !shard(key(multihash.get())).equals(shardName)) {
          continue;
        }
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
          continue;
        }
        if (attributes.isRegularFile()) {
          visitor.visit(multihash.get(), attributes.size());
        }
      }
    }
  }
}
