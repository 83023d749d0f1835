package org.ipfeed.cli.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ipfeed.cli.ExitCodes;
import org.ipfeed.cli.Terminal;
import org.ipfeed.schema.entry.Entry;
import org.ipfeed.schema.entry.EntryCodec;
import org.ipfeed.schema.entry.EntryType;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.entry.Timestamps;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.identity.KeyFile;
import org.ipfeed.schema.identity.KeyPair;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ipfeed entry sign}: builds an entry, checks it against the schema, signs it, writes its
 * DAG-CBOR block to {@code --out} and prints its CID.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Signs an entry and writes its DAG-CBOR block; prints the CID.",
      "A post takes --text (and --tag, --lang); any type takes its fields as a JSON body, with"
          + " links written {\"/\": \"bafy...\"}, e.g. for a follow: {\"subject\": \"did:key:z6Mk...\"}."
    })
public final class EntrySignCommand implements Callable<Integer> {

  private static final List<String> HEADER_FIELDS =
      List.of("type", "author", "seq", "prev", "createdAt", "sig");

  private final Terminal terminal;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "The author's key.")
  Path keyFile;

  @Option(
      names = "--type",
      defaultValue = "post",
      paramLabel = "TYPE",
      description = "Entry type (default: ${DEFAULT-VALUE}).")
  String type;

  @Option(names = "--text", paramLabel = "TEXT", description = "A post's text.")
  String text;

  @Option(names = "--tag", paramLabel = "TAG", description = "A post's hashtag, without '#'.")
  List<String> tags = List.of();

  @Option(names = "--lang", paramLabel = "LANG", description = "A post's language, e.g. en.")
  List<String> langs = List.of();

  @Option(
      names = "--body",
      paramLabel = "FILE",
      description = "JSON object with the type's fields; - reads stdin.")
  String body;

  @Option(
      names = "--seq",
      defaultValue = "1",
      paramLabel = "N",
      description = "Position in the author's log (default: ${DEFAULT-VALUE}).")
  long seq;

  @Option(names = "--prev", paramLabel = "CID", description = "The author's previous entry.")
  String prev;

  @Option(
      names = "--created-at",
      paramLabel = "TIME",
      description = "UTC time like 2024-05-01T12:00:00.000Z (default: now).")
  String createdAt;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write.")
  Path out;

  private final Clock clock;

  public EntrySignCommand(Terminal terminal) {
    this(terminal, Clock.systemUTC());
  }

  EntrySignCommand(Terminal terminal, Clock clock) {
    this.terminal = terminal;
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    if (EntryType.fromWireName(type).isEmpty()) {
      throw new BadInputException(
          "invalid-option",
          "--type: '"
              + type
              + "' is not a known entry type (one of "
              + Arrays.stream(EntryType.values())
                  .map(EntryType::wireName)
                  .collect(Collectors.joining(", "))
              + ")");
    }
    KeyPair key = KeyFile.read(keyFile);
    Map<String, Ipld> fields = new LinkedHashMap<>();
    if (body != null) {
      byte[] json =
          body.equals("-") ? terminal.in().readAllBytes() : Files.readAllBytes(Path.of(body));
      fields.putAll(JsonBody.parse(json).entries());
      for (String header : HEADER_FIELDS) {
        if (fields.containsKey(header)) {
          throw new BadInputException(
              "invalid-body", "body: '" + header + "' is set by the command, not the body");
        }
      }
    }
    putPostFlags(fields);
    fields.put("type", Ipld.of(type));
    fields.put("author", Ipld.of(key.did().toString()));
    fields.put("seq", Ipld.of(seq));
    if (prev != null) {
      fields.put("prev", Ipld.of(Cid.parse(prev)));
    }
    Instant when =
        createdAt != null
            ? Timestamps.parse("--created-at", createdAt)
            : Timestamps.truncate(clock.instant());
    fields.put("createdAt", Ipld.of(Timestamps.format(when)));

    Entry entry = EntryCodec.fromIpld(new Ipld.Map(fields));
    SignedEntry signed = SignedEntry.sign(entry, key);
    Files.write(out, signed.block());
    terminal.out().println(signed.cid());
    return ExitCodes.OK;
  }

  private void putPostFlags(Map<String, Ipld> fields) {
    boolean anyPostFlag = text != null || !tags.isEmpty() || !langs.isEmpty();
    if (anyPostFlag && !type.equals("post")) {
      throw new BadInputException(
          "invalid-option", "--text, --tag and --lang are for posts; use --body for " + type);
    }
    putOnce(fields, "text", text == null ? null : Ipld.of(text));
    putOnce(fields, "tags", tags.isEmpty() ? null : strings(tags));
    putOnce(fields, "langs", langs.isEmpty() ? null : strings(langs));
  }

  private static void putOnce(Map<String, Ipld> fields, String key, Ipld value) {
    if (value == null) {
      return;
    }
    if (fields.putIfAbsent(key, value) != null) {
      throw new BadInputException(
          "invalid-option", "'" + key + "' is given both as an option and in the body");
    }
  }

  private static Ipld strings(List<String> values) {
    return new Ipld.List(values.stream().map(v -> (Ipld) Ipld.of(v)).toList());
  }
}
