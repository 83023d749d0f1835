package org.ipfeed.schema.identity;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.testing.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyFileTest {

  /** RFC 8032 TEST 1; its PEM below is what openssl 3.0 prints for it (`openssl pkey`). */
  private static final String SEED_HEX =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

  private static final String PEM =
      """
      -----BEGIN PRIVATE KEY-----
      MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
      -----END PRIVATE KEY-----
      """;

  private static final String BODY = PEM.lines().toList().get(1);

  @TempDir Path dir;

  @Test
  void writesWhatItReadsBack() throws IOException {
    KeyPair keys = KeyPair.generate(new java.security.SecureRandom());
    Path file = dir.resolve("author.pem");

    KeyFile.write(file, keys);
    KeyPair again = KeyFile.read(file);

    assertThat(again.did()).isEqualTo(keys.did());
    byte[] message = {1, 2, 3};
    assertThat(again.sign(message)).isEqualTo(keys.sign(message));
  }

  @Test
  void writesExactlyWhatOpensslWrites() throws IOException {
    Path file = dir.resolve("test1.pem");

    KeyFile.write(file, KeyPair.fromSeed(Hex.decode(SEED_HEX)));

    assertThat(Files.readString(file, US_ASCII)).isEqualTo(PEM);
    assertThat(Base64.getDecoder().decode(BODY))
        .isEqualTo(Hex.decode("302e020100300506032b657004220420" + SEED_HEX));
  }

  @Test
  void readsWhatOpensslWrites() throws IOException {
    Path file = ownerOnly("openssl.pem", PEM.getBytes(US_ASCII));

    assertThat(KeyFile.read(file).publicKey().bytes())
        .isEqualTo(Hex.decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
  }

  @Test
  void createsTheFileOwnerOnly() throws IOException {
    Path file = dir.resolve("key.pem");

    KeyFile.write(file, KeyPair.fromSeed(Hex.decode(SEED_HEX)));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void neverOverwritesAnExistingFile() throws IOException {
    Path file = dir.resolve("key.pem");
    KeyPair first = KeyPair.generate(new java.security.SecureRandom());
    KeyFile.write(file, first);
    byte[] before = Files.readAllBytes(file);

    ConflictException e =
        catchThrowableOfType(
            ConflictException.class,
            () -> KeyFile.write(file, KeyPair.generate(new java.security.SecureRandom())));

    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo("key-exists");
    assertThat(e.getMessage()).contains(file.toString());
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(KeyFile.read(file).did()).isEqualTo(first.did());
  }

  @Test
  void neverOverwritesAnUnrelatedFileOrFollowsASymlink() throws IOException {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "keep me");
    Path link = Files.createSymbolicLink(dir.resolve("link.pem"), dir.resolve("target.pem"));
    KeyPair keys = KeyPair.fromSeed(Hex.decode(SEED_HEX));

    assertThat(catchThrowableOfType(ConflictException.class, () -> KeyFile.write(notes, keys)))
        .isNotNull();
    assertThat(catchThrowableOfType(ConflictException.class, () -> KeyFile.write(link, keys)))
        .isNotNull();
    assertThat(Files.readString(notes)).isEqualTo("keep me");
    assertThat(dir.resolve("target.pem")).doesNotExist();
  }

  @Test
  void acceptsCrlfAndAMissingFinalLineEnd() throws IOException {
    Path crlf = ownerOnly("crlf.pem", PEM.replace("\n", "\r\n").getBytes(US_ASCII));
    Path bare = ownerOnly("bare.pem", PEM.strip().getBytes(US_ASCII));

    assertThat(KeyFile.read(crlf).did()).isEqualTo(KeyPair.fromSeed(Hex.decode(SEED_HEX)).did());
    assertThat(KeyFile.read(bare).did()).isEqualTo(KeyPair.fromSeed(Hex.decode(SEED_HEX)).did());
  }

  record Bad(String name, byte[] content) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Bad bad(String name, String content) {
    return new Bad(name, content.getBytes(US_ASCII));
  }

  private static String withDer(String derHex) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getEncoder().encodeToString(Hex.decode(derHex))
        + "\n-----END PRIVATE KEY-----\n";
  }

  static List<Bad> badFiles() {
    byte[] binary = Hex.decode("302e020100300506032b657004220420" + SEED_HEX);
    return List.of(
        bad("empty", ""),
        new Bad("the DER without PEM armour", binary),
        bad("garbage", "this is not a key\n"),
        bad("the seed in hex", SEED_HEX + "\n"),
        bad("truncated after BEGIN", PEM.substring(0, 28)),
        bad("truncated in the body", PEM.substring(0, 60)),
        bad("truncated in END", PEM.substring(0, PEM.length() - 8)),
        bad("body cut short", PEM.replace(BODY, BODY.substring(0, 60))),
        bad(
            "body split over two lines",
            PEM.replace(BODY, BODY.substring(0, 32) + "\n" + BODY.substring(32))),
        bad("text before BEGIN", "my key\n" + PEM),
        bad("text after END", PEM + "more\n"),
        bad("blank line after END", PEM + "\n"),
        bad(
            "spaces in the body",
            PEM.replace(BODY, BODY.substring(0, 32) + " " + BODY.substring(32))),
        bad("not base64", PEM.replace(BODY, BODY.substring(0, 63) + "*")),
        bad("an OpenSSH key", PEM.replace("PRIVATE KEY", "OPENSSH PRIVATE KEY")),
        bad("an encrypted PKCS#8 key", PEM.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY")),
        bad("BEGIN and END disagree", PEM.replace("END PRIVATE KEY", "END PUBLIC KEY")),
        bad("X25519 instead of Ed25519", withDer("302e020100300506032b656e04220420" + SEED_HEX)),
        bad("Ed448 OID", withDer("302e020100300506032b657104220420" + SEED_HEX)),
        bad(
            "version field 1 (RFC 5958 v2)",
            withDer("302e020101300506032b657004220420" + SEED_HEX)),
        bad("31-byte seed", withDer("302d020100300506032b657004210420" + SEED_HEX.substring(2))),
        bad(
            "one byte after the seed",
            withDer("302e020100300506032b657004220420" + SEED_HEX + "00")),
        new Bad(
            "not ASCII",
            ("-----BEGIN PRIVATE KEY-----\n\u00e9\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void refusesAnythingElseWithoutEchoingTheKey(Bad bad) throws IOException {
    Path file = ownerOnly("bad.pem", bad.content());

    BadInputException e = catchThrowableOfType(BadInputException.class, () -> KeyFile.read(file));

    assertThat(e).as("reading %s", bad.name()).isNotNull();
    assertThat(e.reason()).isEqualTo("invalid-key-file");
    assertThat(e.getMessage())
        .startsWith(file + ": ")
        .doesNotContain("\n")
        .doesNotContainIgnoringCase(SEED_HEX)
        .doesNotContainIgnoringCase(SEED_HEX.substring(0, 16))
        .doesNotContain(BODY.substring(20, 40));
  }

  @Test
  void refusesAKeyFileOthersMayRead() throws IOException {
    Path file = ownerOnly("open.pem", PEM.getBytes(US_ASCII));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    BadInputException e = catchThrowableOfType(BadInputException.class, () -> KeyFile.read(file));

    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo("unprotected-key-file");
    assertThat(e.getMessage())
        .contains(file.toString())
        .contains("rw-r--r--")
        .doesNotContain("\n")
        .doesNotContainIgnoringCase(SEED_HEX.substring(0, 16));

    for (String mode : List.of("rw----r--", "rw--w----", "rw-----w-", "r-------x", "r--r-----")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
      assertThat(catchThrowableOfType(BadInputException.class, () -> KeyFile.read(file)))
          .as(mode)
          .isNotNull();
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    assertThat(KeyFile.read(file).did()).isEqualTo(KeyPair.fromSeed(Hex.decode(SEED_HEX)).did());
  }

  @Test
  void saysWhenThereIsNoKeyFile() {
    Path missing = dir.resolve("missing.pem");

    NotFoundException e =
        catchThrowableOfType(NotFoundException.class, () -> KeyFile.read(missing));

    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo("key-file-not-found");
    assertThat(e.getMessage()).contains(missing.toString());
  }

  @Test
  void refusesADirectoryAndAHugeFile() throws IOException {
    Path huge = ownerOnly("huge.pem", new byte[1 << 20]);

    for (Path file : List.of(dir, huge)) {
      BadInputException e = catchThrowableOfType(BadInputException.class, () -> KeyFile.read(file));
      assertThat(e).as("%s", file).isNotNull();
      assertThat(e.reason()).isEqualTo("invalid-key-file");
    }
  }

  @Test
  void wipesNothingTheCallerStillNeeds() throws IOException {
    KeyPair keys = KeyPair.fromSeed(Hex.decode(SEED_HEX));
    KeyFile.write(dir.resolve("a.pem"), keys);

    assertThat(keys.sign(new byte[0]))
        .isEqualTo(
            HexFormat.of()
                .parseHex(
                    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"));
  }

  private Path ownerOnly(String name, byte[] content) throws IOException {
    Path file =
        Files.createFile(
            dir.resolve(name),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(file, content);
    Arrays.fill(content, (byte) 0);
    return file;
  }
}
