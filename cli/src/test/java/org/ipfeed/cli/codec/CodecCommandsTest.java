package org.ipfeed.cli.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ipfeed.cli.CliRun;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.codec.DagJson;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodecCommandsTest {

  @TempDir Path dir;

  private static final Ipld VALUE =
      Ipld.map()
          .put("name", "ipfeed")
          .put("n", -3)
          .put("link", Cid.raw("hi".getBytes(StandardCharsets.UTF_8)))
          .put("raw", Ipld.bytes(new byte[] {1, 2, 3}))
          .build();

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  @Test
  void cidPrintsOneLinePerFileForEachCodec() throws IOException {
    byte[] cbor = DagCbor.encode(VALUE);
    byte[] json = DagJson.encode(VALUE);
    Path a = write("a.cbor", cbor);
    Path b = write("b.bin", new byte[] {9, 9});

    CliRun cborRun = CliRun.of("codec", "cid", "--codec", "dag-cbor", a.toString());
    CliRun rawRun = CliRun.of("codec", "cid", "--codec", "raw", b.toString(), a.toString());
    CliRun jsonRun =
        CliRun.of("codec", "cid", "--codec", "dag-json", write("c.json", json).toString());

    assertThat(cborRun.exit()).isEqualTo(ExitCodes.OK);
    assertThat(cborRun.out()).isEqualTo(DagCbor.cid(cbor) + "  " + a + "\n");
    assertThat(rawRun.out())
        .isEqualTo(Cid.raw(new byte[] {9, 9}) + "  " + b + "\n" + Cid.raw(cbor) + "  " + a + "\n");
    assertThat(jsonRun.out()).startsWith(DagJson.cid(json) + "  ");
    assertThat(cborRun.stderr()).isEmpty();
  }

  @Test
  void invalidFilesGetAnErrorLineAndExitOneAfterEveryFileIsProcessed() throws IOException {
    Path bad = write("bad.cbor", new byte[] {0x18, 0x01}); // non-minimal integer
    Path good = write("good.cbor", DagCbor.encode(VALUE));
    Path missing = dir.resolve("missing.cbor");

    CliRun run =
        CliRun.of(
            "codec",
            "cid",
            "--codec",
            "dag-cbor",
            bad.toString(),
            missing.toString(),
            good.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out()).isEqualTo(DagCbor.cid(Files.readAllBytes(good)) + "  " + good + "\n");
    assertThat(run.stderr().lines())
        .containsExactly(
            "error  " + bad + ": dag-cbor: non-minimal integer/length encoding at byte 0",
            "error  " + missing + ": no such file");
  }

  @Test
  void aDagJsonFileThatIsNotCanonicalIsRefused() throws IOException {
    Path spaced = write("spaced.json", "{ \"a\": 1 }".getBytes(StandardCharsets.UTF_8));

    CliRun run = CliRun.of("codec", "cid", "--codec", "dag-json", spaced.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.stderr()).startsWith("error  " + spaced + ": dag-json: ");
  }

  @Test
  void anUnknownCodecIsAUsageError() throws IOException {
    CliRun run =
        CliRun.of("codec", "cid", "--codec", "protobuf", write("x", new byte[1]).toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("'protobuf' is not one of dag-cbor, dag-json, raw");
  }

  @Test
  void convertGoesBothWaysByteForByte() throws IOException {
    byte[] cbor = DagCbor.encode(VALUE);
    byte[] json = DagJson.encode(VALUE);

    CliRun toJson =
        CliRun.of(
            "codec",
            "convert",
            "--from",
            "dag-cbor",
            "--to",
            "dag-json",
            write("v.cbor", cbor).toString());
    CliRun toCbor =
        CliRun.withInput(json, "codec", "convert", "--from", "dag-json", "--to", "dag-cbor", "-");
    CliRun implicitStdin =
        CliRun.withInput(json, "codec", "convert", "--from", "dag-json", "--to", "dag-cbor");

    assertThat(toJson.exit()).isEqualTo(ExitCodes.OK);
    assertThat(toJson.stdout()).isEqualTo(json);
    assertThat(toCbor.stdout()).isEqualTo(cbor);
    assertThat(implicitStdin.stdout()).isEqualTo(cbor);
  }

  @Test
  void convertWritesNothingToStdoutOnInvalidInput() {
    CliRun run =
        CliRun.withInput(
            "{\"b\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8),
            "codec",
            "convert",
            "--from",
            "dag-json",
            "--to",
            "dag-cbor");

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).startsWith("ipfeed: dag-json: ").doesNotContain("\tat ");
    assertThat(run.stderr().lines()).hasSize(1);
  }

  @Test
  void convertRefusesRaw() {
    CliRun run =
        CliRun.withInput(new byte[] {1}, "codec", "convert", "--from", "raw", "--to", "dag-json");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stdout()).isEmpty();
  }
}
