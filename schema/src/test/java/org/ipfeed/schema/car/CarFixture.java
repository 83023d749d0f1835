package org.ipfeed.schema.car;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.testing.Fixtures;

/**
 * A CAR fixture of ipld/ipld ({@code car-fixtures/fixture/<name>/}) with what its {@code .json}
 * says about it. Offsets and lengths are in bytes of the {@code .car} file; a section's {@code
 * length} includes its length varint.
 */
record CarFixture(
    String name, byte[] car, JsonNode header, List<Cid> roots, List<Section> sections) {

  /** One section as the description lists it. */
  record Section(Cid cid, int offset, int length, int blockOffset, int blockLength) {
    int end() {
      return offset + length;
    }
  }

  static CarFixture load(String name) {
    Path dir = Fixtures.path("car-fixtures/fixture/" + name);
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(dir.resolve(name + ".json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Cid> roots = new ArrayList<>();
    for (JsonNode root : json.get("header").get("roots")) {
      roots.add(Cid.parse(root.get("/").asText()));
    }
    List<Section> sections = new ArrayList<>();
    for (JsonNode block : json.get("blocks")) {
      sections.add(
          new Section(
              Cid.parse(block.get("cid").get("/").asText()),
              block.get("offset").asInt(),
              block.get("length").asInt(),
              block.get("blockOffset").asInt(),
              block.get("blockLength").asInt()));
    }
    return new CarFixture(
        name,
        Fixtures.bytes(dir.resolve(name + ".car")),
        json.get("header"),
        List.copyOf(roots),
        List.copyOf(sections));
  }

  /** The block bytes of a section, cut from the file where the description says they are. */
  byte[] block(Section section) {
    return Arrays.copyOfRange(
        car, section.blockOffset(), section.blockOffset() + section.blockLength());
  }

  @Override
  public String toString() {
    return name;
  }
}
