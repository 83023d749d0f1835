package org.ipfeed.schema.identity;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.NotFoundException;

/**
 * A {@link KeyPair} on disk as an unencrypted PKCS#8 private key in PEM, the form {@code openssl
 * genpkey -algorithm ed25519} writes and {@code openssl pkey} reads:
 *
 * <pre>
 * -----BEGIN PRIVATE KEY-----
 * MC4CAQAwBQYDK2VwBCIEI...(64 base64 characters in all)
 * -----END PRIVATE KEY-----
 * </pre>
 *
 * <p>The DER inside is always 48 bytes: {@code 302e020100300506032b657004220420} (an RFC 5208
 * PrivateKeyInfo with version 0 and algorithm Ed25519, OID 1.3.101.112, RFC 8410) followed by the
 * 32-byte seed. The public key is not stored; it is derived from the seed.
 *
 * <p>Rules, on the file system and in the format:
 *
 * <ul>
 *   <li>{@link #write} creates the file with mode 0600 in the same system call that creates it, so
 *       there is no moment at which another user could open it, and it never replaces an existing
 *       file: losing a key loses an identity for good.
 *   <li>{@link #read} refuses a key file that its group or other users may read, write or execute
 *       ({@code unprotected-key-file}), as ssh does: such a key may already be known to others, and
 *       a hard error is the only warning that reliably reaches a person. The fix is {@code chmod
 *       600}; for a Kubernetes secret, {@code defaultMode: 0400}. On a file system without POSIX
 *       permissions nothing can be checked and the file is read as it is.
 *   <li>{@link #read} accepts exactly the three lines above (LF or CRLF line ends, the final line
 *       end optional) and nothing else: no text around the PEM block, no other PEM label, no
 *       encrypted PKCS#8 and no RFC 5958 version 2 key (which adds the public key).
 *   <li>No message ever contains key material: it names the file and the rule that failed.
 * </ul>
 */
public final class KeyFile {

  private static final byte[] DER_PREFIX =
      HexFormat.of().parseHex("302e020100300506032b657004220420");
  private static final int DER_SIZE = DER_PREFIX.length + KeyPair.SEED_SIZE;
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.complementOf(
          EnumSet.of(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE));

  /** Ours are 119 bytes; anything much larger is some other file, and is not read into memory. */
  private static final int MAX_FILE_SIZE = 1024;

  private KeyFile() {}

  /**
   * Writes {@code keys} to a new file, readable and writable by its owner only, and forces it and
   * its directory entry to disk.
   *
   * @throws ConflictException {@code key-exists} if anything already exists at {@code file}; it is
   *     left untouched
   * @throws UnsupportedOperationException on a file system without POSIX permissions, where the
   *     file could not be created owner-only
   * @throws IOException if the file cannot be created or written; a partly written file is removed
   */
  public static void write(Path file, KeyPair keys) throws IOException {
    byte[] pem = encode(keys);
    try {
      FileChannel channel;
      try {
        channel =
            FileChannel.open(
                file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (FileAlreadyExistsException e) {
        throw new ConflictException(
            "key-exists",
            file + ": a file already exists there; a key file is never overwritten",
            e);
      }
      try (channel) {
        // The umask can only take bits away; restore the owner's, which widens nothing.
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        ByteBuffer buffer = ByteBuffer.wrap(pem);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      } catch (IOException | RuntimeException e) {
        // CREATE_NEW succeeded, so the file is ours and holds at most part of a key.
        try {
          Files.deleteIfExists(file);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
    } finally {
      Arrays.fill(pem, (byte) 0);
    }
    Path directory = file.toAbsolutePath().getParent();
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  /**
   * Reads a key pair that {@link #write} (or {@code openssl genpkey -algorithm ed25519}) wrote.
   *
   * @throws NotFoundException {@code key-file-not-found} if there is no such file
   * @throws BadInputException {@code unprotected-key-file} if group or others have any permission
   *     on it; {@code invalid-key-file}, with a one-line message naming the file and the problem,
   *     for anything but the format described above
   * @throws IOException if the file cannot be read
   */
  public static KeyPair read(Path file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("key-file-not-found", file + ": no such key file", e);
    }
    if (!attributes.isRegularFile()) {
      throw invalid(file, "not a regular file");
    }
    if (attributes.size() > MAX_FILE_SIZE) {
      throw invalid(file, "larger than " + MAX_FILE_SIZE + " bytes, so not a key file");
    }
    requireOwnerOnly(file);
    byte[] content = Files.readAllBytes(file);
    try {
      if (content.length > MAX_FILE_SIZE) {
        throw invalid(file, "larger than " + MAX_FILE_SIZE + " bytes, so not a key file");
      }
      return decode(file, content);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  private static void requireOwnerOnly(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    if (!Collections.disjoint(permissions, GROUP_OR_OTHERS)) {
      throw new BadInputException(
          "unprotected-key-file",
          file
              + ": private key file has mode "
              + PosixFilePermissions.toString(permissions)
              + ", open to group or others; make it owner-only (chmod 600 "
              + file
              + ")");
    }
  }

  /** The file's bytes, built without an intermediate String so the copies can be wiped. */
  private static byte[] encode(KeyPair keys) {
    byte[] der = new byte[DER_SIZE];
    System.arraycopy(DER_PREFIX, 0, der, 0, DER_PREFIX.length);
    System.arraycopy(keys.unsafeSeed(), 0, der, DER_PREFIX.length, KeyPair.SEED_SIZE);
    byte[] body = Base64.getEncoder().encode(der);
    byte[] begin = (BEGIN + "\n").getBytes(US_ASCII);
    byte[] end = ("\n" + END + "\n").getBytes(US_ASCII);
    byte[] pem = new byte[begin.length + body.length + end.length];
    System.arraycopy(begin, 0, pem, 0, begin.length);
    System.arraycopy(body, 0, pem, begin.length, body.length);
    System.arraycopy(end, 0, pem, begin.length + body.length, end.length);
    Arrays.fill(der, (byte) 0);
    Arrays.fill(body, (byte) 0);
    return pem;
  }

  private static KeyPair decode(Path file, byte[] content) {
    if (content.length == 0) {
      throw invalid(file, "empty file");
    }
    for (byte b : content) {
      if (b < 0) {
        throw invalid(file, "not a PEM file: it holds bytes that are not ASCII");
      }
    }
    List<Line> lines = lines(content);
    String first = lines.get(0).text(content);
    if (!first.equals(BEGIN)) {
      throw invalid(file, describeFirstLine(first));
    }
    if (lines.stream().noneMatch(line -> line.text(content).equals(END))) {
      throw invalid(file, "truncated PEM: no " + END + " line");
    }
    if (lines.size() != 3 || !lines.get(2).text(content).equals(END)) {
      throw invalid(
          file, "expected exactly one base64 line between BEGIN and END and nothing after END");
    }
    Line line = lines.get(1);
    byte[] body = Arrays.copyOfRange(content, line.start(), line.end());
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          "invalid-key-file", file + ": the PEM body is not valid base64", e);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
    try {
      if (der.length != DER_SIZE
          || !Arrays.equals(der, 0, DER_PREFIX.length, DER_PREFIX, 0, DER_PREFIX.length)) {
        throw invalid(
            file,
            "not an unencrypted PKCS#8 Ed25519 private key (expected "
                + DER_SIZE
                + " bytes of DER starting "
                + HexFormat.of().formatHex(DER_PREFIX)
                + ")");
      }
      return KeyPair.fromSeed(Arrays.copyOfRange(der, DER_PREFIX.length, DER_SIZE));
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** One line of the file, its end excluding LF or CRLF. */
  private record Line(int start, int end) {
    String text(byte[] content) {
      return new String(content, start, end - start, US_ASCII);
    }
  }

  /** The lines of {@code content}; a line end after the last line is optional. */
  private static List<Line> lines(byte[] content) {
    List<Line> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\n') {
        int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
        lines.add(new Line(start, end));
        start = i + 1;
      }
    }
    if (start < content.length) {
      lines.add(new Line(start, content.length));
    }
    return lines;
  }

  /** Says what the file is instead, echoing a PEM label only when it looks like one. */
  private static String describeFirstLine(String first) {
    if (first.matches("-----BEGIN [A-Z0-9 ]{1,40}-----")) {
      String label = first.substring("-----BEGIN ".length(), first.length() - "-----".length());
      return "holds a PEM '" + label + "', expected 'PRIVATE KEY' (unencrypted PKCS#8)";
    }
    return "not a PEM private key: the first line is not " + BEGIN;
  }

  private static BadInputException invalid(Path file, String problem) {
    return new BadInputException("invalid-key-file", file + ": " + problem);
  }
}
