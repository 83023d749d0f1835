package org.ipfeed.cli.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each {@code serve} setting comes from when its flag is not given: the environment variable
 * {@code IPFEED_<KEY>} ({@code -} as {@code _}), else the config file, else the default. The config
 * file is lines of {@code key = value}, {@code #} comments and blank lines, the keys being the flag
 * names without {@code --}; a list ({@code peer}, {@code follow}) is comma-separated.
 */
final class ServeSettings {

  /** The keys a config file may hold: the flags of {@code serve}. */
  static final Set<String> KEYS =
      Set.of("data", "host", "port", "ipfs", "peer", "follow", "poll-interval", "max-car-blocks");

  /** A value and where it came from, so an error can name its source. */
  record Value(String text, String source) {}

  private final Map<String, String> env;
  private final Map<String, Value> file;

  private ServeSettings(Map<String, String> env, Map<String, Value> file) {
    this.env = env;
    this.file = file;
  }

  /** The settings of {@code env} and, if given, the config file (read and checked now). */
  static ServeSettings load(Map<String, String> env, Optional<Path> configFile) {
    Map<String, Value> file = new LinkedHashMap<>();
    if (configFile.isPresent()) {
      Path path = configFile.get();
      List<String> lines;
      try {
        lines = Files.readAllLines(path, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the config file " + path + ": " + e);
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String where = path + ":" + (i + 1);
        int eq = line.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException(
              where + ": expected 'key = value', not '" + line + "'");
        }
        String key = line.substring(0, eq).strip();
        if (!KEYS.contains(key)) {
          throw new IllegalArgumentException(
              where + ": unknown key '" + key + "' (known: " + String.join(", ", sorted()) + ")");
        }
        if (file.containsKey(key)) {
          throw new IllegalArgumentException(where + ": '" + key + "' is set twice");
        }
        file.put(key, new Value(line.substring(eq + 1).strip(), where + " (" + key + ")"));
      }
    }
    return new ServeSettings(env, file);
  }

  private static List<String> sorted() {
    return KEYS.stream().sorted().toList();
  }

  /** The environment's or the file's value of {@code key}, in that order. */
  Optional<Value> value(String key) {
    String var = "IPFEED_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    String fromEnv = env.get(var);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(new Value(fromEnv.strip(), var));
    }
    return Optional.ofNullable(file.get(key));
  }

  /** A list setting: comma-separated, blanks dropped. */
  Optional<List<Value>> values(String key) {
    return value(key)
        .map(
            v ->
                Arrays.stream(v.text().split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .map(s -> new Value(s, v.source()))
                    .toList());
  }
}
