package org.ipfeed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.ipfeed.schema.identity.KeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

  @TempDir Path dir;

  @Test
  void writesAnOwnerOnlyKeyAndPrintsItsDid() throws Exception {
    Path key = dir.resolve("me.key");

    CliRun run = CliRun.of("keygen", "--out", key.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().strip()).startsWith("did:key:z6Mk");
    assertThat(run.out().strip()).isEqualTo(KeyFile.read(key).did().toString());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void twoKeysDiffer() {
    CliRun a = CliRun.of("keygen", "--out", dir.resolve("a.key").toString());
    CliRun b = CliRun.of("keygen", "--out", dir.resolve("b.key").toString());

    assertThat(a.out()).isNotEqualTo(b.out());
  }

  @Test
  void refusesToOverwriteAnExistingFile() throws Exception {
    Path key = dir.resolve("me.key");
    Files.writeString(key, "precious");

    CliRun run = CliRun.of("keygen", "--out", key.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.stderr().lines()).hasSize(1);
    assertThat(run.stderr()).startsWith("ipfeed: ").contains(key.toString());
    assertThat(Files.readString(key)).isEqualTo("precious");
  }

  @Test
  void aMissingOptionIsAUsageError() {
    CliRun run = CliRun.of("keygen");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("--out");
  }
}
