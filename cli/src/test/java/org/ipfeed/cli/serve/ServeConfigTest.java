package org.ipfeed.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.ipfeed.cli.Terminal;
import org.ipfeed.gateway.GatewayConfig;
import org.ipfeed.schema.identity.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Where {@code serve}'s settings come from: flags, then the environment, then the config file. */
class ServeConfigTest {

  @TempDir Path dir;
  static final String ALICE = KeyPair.fromSeed(new byte[32]).did().toString();

  GatewayConfig config(Map<String, String> env, String... args) {
    ServeCommand serve = new ServeCommand(Terminal.system());
    new CommandLine(serve).parseArgs(args);
    return serve.config(env);
  }

  @Test
  void withNothingSetEveryKeyHasItsDefault() {
    GatewayConfig c = config(Map.of());

    assertThat(c.dataDir()).isEqualTo(Path.of("ipfeed-data"));
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.portExplicit()).isFalse();
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.peers()).isEmpty();
    assertThat(c.follow()).isEmpty();
    assertThat(c.pollEvery()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.maxCarBlocks()).isEqualTo(10_000);
  }

  @Test
  void aFlagWinsOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
    Path file = dir.resolve("ipfeed.conf");
    Files.writeString(
        file,
        "# a node that follows alice\n"
            + "port = 9001\n"
            + "data = from-file\n"
            + "host = 127.0.0.2\n"
            + "peer = http://127.0.0.1:9002, http://127.0.0.1:9003\n"
            + "follow = "
            + ALICE
            + "\n"
            + "poll-interval = 5\n");

    GatewayConfig c =
        config(
            Map.of("IPFEED_PORT", "9100", "IPFEED_DATA", "from-env"),
            "--config",
            file.toString(),
            "--data",
            "from-flag");

    assertThat(c.dataDir()).isEqualTo(Path.of("from-flag"));
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.portExplicit()).isTrue();
    assertThat(c.host()).isEqualTo("127.0.0.2");
    assertThat(c.peers())
        .containsExactly(URI.create("http://127.0.0.1:9002"), URI.create("http://127.0.0.1:9003"));
    assertThat(c.follow()).extracting(Object::toString).containsExactly(ALICE);
    assertThat(c.pollEvery()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config(Map.of("IPFEED_ADMIN_TOKEN", "0123456789abcdef")).adminToken())
        .hasValue("0123456789abcdef");
    assertThat(c.adminToken()).isEmpty();
  }

  @Test
  void theConfigFileCanComeFromTheEnvironment() throws Exception {
    Path file = dir.resolve("node.conf");
    Files.writeString(file, "max-car-blocks = 50\n");

    assertThat(config(Map.of("IPFEED_CONFIG", file.toString())).maxCarBlocks()).isEqualTo(50);
  }

  @Test
  void anInvalidValueNamesTheKeyAndWhereItCameFrom() throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "\n\nport = eighty\n");
    Path unknown = dir.resolve("unknown.conf");
    Files.writeString(unknown, "prot = 80\n");

    assertThatThrownBy(() -> config(Map.of(), "--config", file.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessage(
            "port (from "
                + file
                + ":3 (port)) must be a whole number from 0 to 65535, not 'eighty'");
    assertThatThrownBy(() -> config(Map.of("IPFEED_POLL_INTERVAL", "0")))
        .hasMessage(
            "poll-interval (from IPFEED_POLL_INTERVAL) must be a whole number from 1 to 86400,"
                + " not '0'");
    assertThatThrownBy(() -> config(Map.of(), "--peer", "ftp://example.org"))
        .hasMessage("--peer must be an http:// or https:// URL, not 'ftp://example.org'");
    assertThatThrownBy(() -> config(Map.of("IPFEED_ADMIN_TOKEN", "short")))
        .hasMessage(
            "admin-token (from IPFEED_ADMIN_TOKEN) must be at least 16 characters, not '(hidden)'");
    assertThatThrownBy(() -> config(Map.of(), "--follow", "did:key:zzz"))
        .hasMessage("--follow must be a did:key DID, not 'did:key:zzz'");
    assertThatThrownBy(() -> config(Map.of(), "--config", unknown.toString()))
        .hasMessageStartingWith(unknown + ":1: unknown key 'prot' (known: data, follow, host");
    assertThatThrownBy(() -> config(Map.of(), "--config", dir.resolve("absent.conf").toString()))
        .hasMessageStartingWith("cannot read the config file " + dir.resolve("absent.conf"));
  }

  @Test
  void listsSplitOnCommasFromEveryPlace() {
    GatewayConfig c = config(Map.of("IPFEED_PEER", "http://127.0.0.1:1,http://127.0.0.1:2"));

    assertThat(c.peers()).hasSize(2);
    assertThat(
            config(
                    Map.of(),
                    "--peer",
                    "http://a.example,http://b.example",
                    "--peer",
                    "http://c.example")
                .peers())
        .hasSize(3);
  }
}
