package org.ipfeed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command line as a user runs it: {@code java -jar ipfeed.jar}, a real process with
 * real exit codes and streams.
 */
class IpfeedJarIT {

  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  private Result ipfeed(String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("ipfeed.jar", "target/ipfeed.jar"));
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out, err);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void keygenSignVerifyAndCidWorkEndToEnd() throws Exception {
    Result keygen = ipfeed("keygen", "--out", "me.key");
    Result sign =
        ipfeed(
            "entry", "sign", "--key", "me.key", "--text", "from a real process", "--out", "p.cbor");
    Result verify = ipfeed("entry", "verify", "p.cbor");
    Result cid = ipfeed("codec", "cid", "--codec", "dag-cbor", "p.cbor");

    assertThat(keygen.exit()).as(keygen.err()).isZero();
    assertThat(keygen.out()).startsWith("did:key:z6Mk");
    assertThat(sign.exit()).as(sign.err()).isZero();
    assertThat(verify.exit()).isZero();
    assertThat(verify.out()).isEqualTo("ok  p.cbor  " + sign.out());
    assertThat(cid.out()).isEqualTo(sign.out().strip() + "  p.cbor\n");
  }

  @Test
  void failuresExitNonZeroWithOneLine() throws Exception {
    Files.write(dir.resolve("bad.cbor"), new byte[] {(byte) 0xa1, 0x01, 0x02});

    Result keygenTwice = ipfeed("keygen", "--out", "bad.cbor");
    Result verify = ipfeed("entry", "verify", "bad.cbor");
    Result usage = ipfeed("entry", "frobnicate");

    assertThat(keygenTwice.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(keygenTwice.err().lines()).hasSize(1);
    assertThat(verify.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(verify.err()).startsWith("error  bad.cbor: dag-cbor: map keys must be strings");
    assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void helpAndVersionWork() throws Exception {
    Result help = ipfeed("--help");
    Result version = ipfeed("--version");

    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("codec", "keygen", "entry");
    assertThat(version.out()).startsWith("ipfeed ");
  }
}
