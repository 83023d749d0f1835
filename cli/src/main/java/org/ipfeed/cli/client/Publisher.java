package org.ipfeed.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import org.ipfeed.schema.entry.Entry;
import org.ipfeed.schema.entry.EntryHeader;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.KeyPair;
import org.ipfeed.schema.multiformats.Cid;

/**
 * Appends entries to one key's log through a gateway: asks where the log's head is, signs the next
 * entry locally (the key never leaves this machine) and submits it.
 */
final class Publisher {

  private final GatewayClient client;
  private final KeyPair key;
  private EntryHeader last;
  private Cid lastCid;

  Publisher(GatewayClient client, KeyPair key) {
    this.client = client;
    this.key = key;
  }

  /** Signs and publishes the entry {@code make} builds on the next header; returns its CID. */
  Cid publish(Function<EntryHeader, Entry> make) throws IOException, InterruptedException {
    EntryHeader header = next();
    SignedEntry signed = SignedEntry.sign(make.apply(header), key);
    JsonNode answer =
        client.post("/api/v1/entries", signed.block(), "application/vnd.ipld.dag-cbor");
    last = header;
    lastCid = signed.cid();
    return Cid.parse(answer.get("cid").asText());
  }

  private EntryHeader next() throws IOException, InterruptedException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (last != null) {
      return EntryHeader.after(
          last, lastCid, now.isAfter(last.createdAt()) ? now : last.createdAt());
    }
    JsonNode head = client.get("/api/v1/authors/" + key.did()).get("head");
    if (head == null || head.isNull()) {
      return EntryHeader.first(key.did(), now);
    }
    return new EntryHeader(
        key.did(),
        head.get("seq").asLong() + 1,
        Optional.of(Cid.parse(head.get("cid").asText())),
        now);
  }
}
