package org.ipfeed.cli.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ipfeed.cli.CliRun;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.entry.Community;
import org.ipfeed.schema.entry.Follow;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.KeyFile;
import org.ipfeed.schema.identity.KeyPair;
import org.ipfeed.schema.multiformats.Cid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryCommandsTest {

  private static final String AT = "2026-11-26T10:00:00.000Z";

  @TempDir Path dir;
  private Path keyFile;
  private KeyPair key;

  @BeforeEach
  void keygen() throws Exception {
    keyFile = dir.resolve("me.key");
    assertThat(CliRun.of("keygen", "--out", keyFile.toString()).exit()).isZero();
    key = KeyFile.read(keyFile);
  }

  private CliRun sign(String... extra) {
    String[] base = {"entry", "sign", "--key", keyFile.toString(), "--created-at", AT};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return CliRun.of(all);
  }

  @Test
  void signsAPostWritesItsBlockAndPrintsItsCid() throws Exception {
    Path out = dir.resolve("post.cbor");

    CliRun run =
        sign(
            "--text",
            "hello, fediverse",
            "--tag",
            "intro",
            "--lang",
            "en",
            "--out",
            out.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.OK);
    byte[] block = Files.readAllBytes(out);
    assertThat(run.out().strip()).isEqualTo(DagCbor.cid(block).toString());
    SignedEntry entry = SignedEntry.decodeVerified(block);
    Post post = (Post) entry.entry();
    assertThat(post.text()).isEqualTo("hello, fediverse");
    assertThat(post.tags()).containsExactly("intro");
    assertThat(post.langs()).containsExactly("en");
    assertThat(post.author()).isEqualTo(key.did());
    assertThat(post.header().createdAt()).hasToString("2026-11-26T10:00:00Z");
  }

  @Test
  void signingTheSameEntryTwiceGivesTheSameCid() {
    CliRun a = sign("--text", "same", "--out", dir.resolve("a").toString());
    CliRun b = sign("--text", "same", "--out", dir.resolve("b").toString());

    assertThat(a.out()).isEqualTo(b.out());
  }

  @Test
  void otherTypesTakeAJsonBodyWithLinksInDagJsonForm() throws Exception {
    Path first = dir.resolve("first.cbor");
    sign("--text", "first", "--out", first.toString());
    Cid firstCid = DagCbor.cid(Files.readAllBytes(first));
    Path follow = dir.resolve("follow.json");
    Files.writeString(
        follow,
        "{ \"subject\": \"" + KeyPair.generate(new java.security.SecureRandom()).did() + "\" }");
    Path community = dir.resolve("community.json");
    Files.writeString(
        community,
        """
        {
          "name": "Lisbon runners",
          "rules": ["Be kind."],
          "admission": "open",
          "governance": {"quorumPercent": 10, "approvalPercent": 50, "votingHours": 72},
          "amends": {"/": "%s"}
        }
        """
            .formatted(firstCid));

    CliRun f =
        sign(
            "--type",
            "follow",
            "--body",
            follow.toString(),
            "--seq",
            "2",
            "--prev",
            firstCid.toString(),
            "--out",
            dir.resolve("f.cbor").toString());
    CliRun c =
        sign(
            "--type",
            "community",
            "--body",
            community.toString(),
            "--out",
            dir.resolve("c.cbor").toString());

    assertThat(f.exit()).as(f.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(c.exit()).as(c.stderr()).isEqualTo(ExitCodes.OK);
    Follow followEntry =
        (Follow) SignedEntry.decodeVerified(Files.readAllBytes(dir.resolve("f.cbor"))).entry();
    assertThat(followEntry.header().prev()).contains(firstCid);
    Community charter =
        (Community) SignedEntry.decodeVerified(Files.readAllBytes(dir.resolve("c.cbor"))).entry();
    assertThat(charter.amends()).contains(firstCid);
    assertThat(charter.governance().votingHours()).isEqualTo(72);
  }

  @Test
  void aBodyFromStdinWorks() throws Exception {
    Path out = dir.resolve("r.cbor");
    Cid target = Cid.dagCbor(new byte[] {1});
    CliRun run =
        CliRun.withInput(
            ("{\"kind\":\"like\",\"subject\":{\"/\":\"" + target + "\"}}")
                .getBytes(StandardCharsets.UTF_8),
            "entry",
            "sign",
            "--key",
            keyFile.toString(),
            "--type",
            "reaction",
            "--body",
            "-",
            "--out",
            out.toString());

    assertThat(run.exit()).as(run.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(SignedEntry.decodeVerified(Files.readAllBytes(out)).type().wireName())
        .isEqualTo("reaction");
  }

  @Test
  void invalidEntriesGiveOneLineAndExitOneWithoutWritingAFile() throws Exception {
    Path out = dir.resolve("x.cbor");

    CliRun noText = sign("--out", out.toString());
    CliRun noPrev = sign("--text", "x", "--seq", "3", "--out", out.toString());
    CliRun badBody = sign("--type", "follow", "--body", "-", "--out", out.toString());
    Path authorInBody = dir.resolve("author.json");
    Files.writeString(authorInBody, "{\"author\":\"did:key:z6Mk\",\"subject\":\"x\"}");
    CliRun headerInBody =
        sign("--type", "follow", "--body", authorInBody.toString(), "--out", out.toString());
    CliRun textOnFollow = sign("--type", "follow", "--text", "hi", "--out", out.toString());
    CliRun unknownType = sign("--type", "poll", "--text", "hi", "--out", out.toString());

    for (CliRun run :
        new CliRun[] {noText, noPrev, badBody, headerInBody, textOnFollow, unknownType}) {
      assertThat(run.exit()).as(run.stderr()).isEqualTo(ExitCodes.FAILED);
      assertThat(run.stderr().lines()).as(run.stderr()).hasSize(1);
      assertThat(run.stderr()).startsWith("ipfeed: ");
    }
    assertThat(noText.stderr()).contains("post.text: required");
    assertThat(noPrev.stderr()).contains("prev: required when seq > 1");
    assertThat(headerInBody.stderr()).contains("'author' is set by the command");
    assertThat(unknownType.stderr()).contains("'poll' is not a known entry type");
    assertThat(out).doesNotExist();
  }

  @Test
  void verifyPrintsOkOrTheReasonPerFileAndExitsOneIfAnyFails() throws Exception {
    Path good = dir.resolve("good.cbor");
    sign("--text", "fine", "--out", good.toString());
    byte[] block = Files.readAllBytes(good);
    byte[] tampered = block.clone();
    int text = indexOf(block, "fine".getBytes(StandardCharsets.UTF_8));
    tampered[text] ^= 1; // "fine" becomes "gine": still a valid post, but not the signed one
    Path bad = dir.resolve("bad.cbor");
    Files.write(bad, tampered);
    Path garbage = dir.resolve("garbage.cbor");
    Files.write(garbage, new byte[] {(byte) 0xff});

    CliRun ok = CliRun.of("entry", "verify", good.toString());
    CliRun mixed =
        CliRun.of("entry", "verify", good.toString(), bad.toString(), garbage.toString());

    assertThat(ok.exit()).isEqualTo(ExitCodes.OK);
    assertThat(ok.out()).isEqualTo("ok  " + good + "  " + DagCbor.cid(block) + "\n");
    assertThat(mixed.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(mixed.out()).isEqualTo(ok.out());
    assertThat(mixed.stderr().lines())
        .hasSize(2)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("error  " + bad + ": ")
                    .contains("signature does not verify"))
        .anySatisfy(l -> assertThat(l).startsWith("error  " + garbage + ": dag-cbor: "));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
