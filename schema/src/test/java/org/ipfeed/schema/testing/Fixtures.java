package org.ipfeed.schema.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The shared conformance fixtures, copied into test resources (see fixtures/SOURCES.md). */
public final class Fixtures {

  private Fixtures() {}

  /** The folder {@code fixtures/<relative>} on the test classpath. */
  public static Path path(String relative) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures").toURI()).resolve(relative);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One encoded file of a codec fixture: its bytes and the CID its name claims. */
  public record Encoded(Path file, String cid, byte[] bytes) {}

  /** One value of ipld/codec-fixtures with its encodings. */
  public record CodecFixture(String name, Optional<Encoded> dagCbor, Optional<Encoded> dagJson) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static List<CodecFixture> codecFixtures() {
    List<CodecFixture> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(path("codec-fixtures/fixtures"))) {
      for (Path dir : dirs.sorted().toList()) {
        out.add(
            new CodecFixture(
                dir.getFileName().toString(),
                encoded(dir, ".dag-cbor"),
                encoded(dir, ".dag-json")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Optional<Encoded> encoded(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(suffix))
          .findFirst()
          .map(
              f -> {
                String name = f.getFileName().toString();
                return new Encoded(f, name.substring(0, name.length() - suffix.length()), bytes(f));
              });
    }
  }

  /** An invalid encoding with the reason it is invalid. */
  public record Negative(String name, byte[] bytes, String error, Optional<byte[]> valid) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Every negative fixture for {@code codec} ("dag-cbor" or "dag-json"), upstream and derived. */
  public static List<Negative> negatives(String codec) {
    List<Negative> out = new ArrayList<>();
    for (String set : List.of("negative-fixtures", "negative-derived")) {
      Path dir = path("codec-fixtures/" + set + "/" + codec + "/decode");
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.sorted().toList()) {
          for (JsonNode node : new ObjectMapper().readTree(file.toFile())) {
            JsonNode valid = node.path("valid_counterpart_hex");
            out.add(
                new Negative(
                    set + "/" + file.getFileName() + ": " + node.get("name").asText(),
                    Hex.decode(node.get("hex").asText()),
                    node.get("error").asText(),
                    valid.isTextual()
                        ? Optional.of(Hex.decode(valid.asText()))
                        : Optional.empty()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
