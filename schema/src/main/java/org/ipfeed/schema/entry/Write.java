package org.ipfeed.schema.entry;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;

/** The writing side of {@link Fields}: optional fields that are empty are left out. */
final class Write {

  private Write() {}

  static void optString(Ipld.Map.Builder body, String key, Optional<String> value) {
    value.ifPresent(v -> body.put(key, v));
  }

  static void optLink(Ipld.Map.Builder body, String key, Optional<Cid> value) {
    value.ifPresent(v -> body.put(key, v));
  }

  static void flag(Ipld.Map.Builder body, String key, boolean value) {
    if (value) {
      body.put(key, Ipld.TRUE);
    }
  }

  static void strings(Ipld.Map.Builder body, String key, List<String> values) {
    list(body, key, values, Ipld::of);
  }

  static void links(Ipld.Map.Builder body, String key, List<Cid> values) {
    list(body, key, values, Ipld::of);
  }

  static void dids(Ipld.Map.Builder body, String key, List<Did> values) {
    list(body, key, values, d -> Ipld.of(d.toString()));
  }

  private static <T> void list(
      Ipld.Map.Builder body, String key, List<T> values, Function<T, Ipld> item) {
    if (!values.isEmpty()) {
      body.put(key, new Ipld.List(values.stream().map(item).toList()));
    }
  }
}
