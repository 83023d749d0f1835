package org.ipfeed.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ipfeed.gateway.Blocking;
import org.ipfeed.gateway.ingest.Head;
import org.ipfeed.gateway.ingest.Ingest;
import org.ipfeed.gateway.ingest.LogHeads;
import org.ipfeed.schema.car.CarBlock;
import org.ipfeed.schema.car.CarReader;
import org.ipfeed.schema.car.CarWriter;
import org.ipfeed.schema.entry.Post;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.error.IpfeedException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.identity.Did;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.ipfeed.store.BlockStore;

/**
 * An account as one CAR file: {@code GET /api/v1/authors/{did}/export} writes the author's whole
 * log (newest first, as the {@code prev} chain runs) and the blocks their posts embed; {@code POST
 * /api/v1/import} takes such a file, checks every block against its CID and every entry as if it
 * were published one by one (signature, log continuity), oldest first.
 *
 * <p>Only the author's own entries and embeds travel: a reply's parent or a liked post belongs to
 * its own author's log, which other gateways serve.
 */
public final class AccountsApi {

  /** An import is read whole; beyond this it is refused while being read. */
  public static final long MAX_IMPORT_BYTES = 256L * 1024 * 1024;

  /** An export is written in chunks of about this size, each waited for before the next. */
  static final int EXPORT_CHUNK_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final BlockStore store;
  private final LogHeads heads;
  private final Ingest ingest;

  public AccountsApi(Vertx vertx, BlockStore store, LogHeads heads, Ingest ingest) {
    this.vertx = vertx;
    this.store = store;
    this.heads = heads;
    this.ingest = ingest;
  }

  public void export(RoutingContext ctx) {
    Did did = Did.parse(ctx.pathParam("did"));
    Head head =
        heads
            .get(did)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "author-not-found", "this gateway holds no log of " + did));
    HttpServerResponse response = ctx.response();
    vertx
        .executeBlocking(() -> streamExport(did, head, response), false)
        .onFailure(
            e -> {
              if (response.headWritten()) {
                // Too late for a problem document: break the connection off, so that the client
                // sees a cut-off download instead of a CAR that looks whole.
                response.reset();
              } else {
                ctx.fail(e);
              }
            });
  }

  /**
   * Walks the log from its head on this worker thread, reading the store synchronously and writing
   * the CAR as it goes, a chunk at a time: an account of any length costs one chunk of memory, and
   * a slow client slows the walk. The head is read and decoded before anything is sent, so the
   * likeliest failures still get a problem document.
   */
  private Void streamExport(Did did, Head head, HttpServerResponse response) {
    Block block = await(store.get(head.cid()));
    Buffer chunk = Buffer.buffer(CarWriter.encodeHeader(List.of(head.cid())));
    Set<Cid> written = new HashSet<>();
    while (true) {
      SignedEntry entry = SignedEntry.decode(block.bytes());
      chunk.appendBytes(CarWriter.encodeSection(block.cid(), block.bytes()));
      if (entry.entry() instanceof Post post) {
        for (Cid embed : post.embeds()) {
          if (written.add(embed) && await(store.has(embed))) {
            chunk.appendBytes(CarWriter.encodeSection(embed, await(store.get(embed)).bytes()));
          }
        }
      }
      // The head's section goes out at once, so the download starts; then a chunk at a time.
      boolean starting = !response.headWritten();
      if (starting) {
        response
            .setChunked(true)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/vnd.ipld.car; version=1")
            .putHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"" + did.toString().replace(':', '_') + ".car\"");
      }
      if (starting || chunk.length() >= EXPORT_CHUNK_BYTES) {
        await(response.write(chunk));
        chunk = Buffer.buffer();
      }
      Optional<Cid> prev = entry.entry().header().prev();
      if (prev.isEmpty()) {
        break;
      }
      block = await(store.get(prev.get()));
    }
    await(response.end(chunk));
    return null;
  }

  public void importCar(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    vertx
        .executeBlocking(() -> read(body), false)
        .compose(this::apply)
        .onFailure(ctx::fail)
        .onSuccess(
            summary ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(summary.encode()));
  }

  private record Contents(List<SignedEntry> entries, Map<Cid, byte[]> others) {}

  /** Every block checked against its CID (the CAR reader does), entries told from the rest. */
  private static Contents read(byte[] car) {
    List<SignedEntry> entries = new ArrayList<>();
    Map<Cid, byte[]> others = new LinkedHashMap<>();
    try (CarReader reader = CarReader.open(new ByteArrayInputStream(car))) {
      for (CarBlock b = reader.next(); b != null; b = reader.next()) {
        SignedEntry entry = null;
        if (b.cid().codec().equals(Multicodec.DAG_CBOR)) {
          try {
            entry = SignedEntry.decode(b.bytes());
          } catch (BadInputException notAnEntry) {
            // Embedded data can be DAG-CBOR too.
          }
        }
        if (entry != null) {
          entries.add(entry);
        } else {
          others.put(b.cid(), b.bytes());
        }
      }
    } catch (IOException e) {
      throw new BadInputException("invalid-car", "the CAR cannot be read: " + e.getMessage(), e);
    } catch (IntegrityException e) {
      // Someone else's bytes that do not match their CIDs: the upload is wrong, not this node.
      throw new BadInputException(e.reason(), e.getMessage(), e);
    }
    entries.sort(
        Comparator.comparing((SignedEntry e) -> e.entry().author().toString())
            .thenComparingLong(e -> e.entry().seq()));
    return new Contents(entries, others);
  }

  /** Embeds first (so posts never point at a block we lack), then entries, one by one. */
  private Future<JsonObject> apply(Contents contents) {
    Set<Cid> embedded = new HashSet<>();
    for (SignedEntry e : contents.entries()) {
      if (e.entry() instanceof Post post) {
        embedded.addAll(post.embeds());
      }
    }
    Future<Integer> blocks = Future.succeededFuture(0);
    for (Map.Entry<Cid, byte[]> other : contents.others().entrySet()) {
      if (embedded.contains(other.getKey())) {
        Block b = Block.verified(other.getKey(), other.getValue());
        blocks = blocks.compose(n -> store.putPinned(b).map(n + 1));
      }
    }
    JsonObject summary =
        new JsonObject()
            .put("entries", contents.entries().size())
            .put("created", 0)
            .put("alreadyStored", 0);
    JsonArray rejected = new JsonArray();
    Future<Void> chain =
        blocks.map(
            n -> {
              summary.put("blocks", n);
              return null;
            });
    for (SignedEntry e : contents.entries()) {
      chain =
          chain.compose(
              v ->
                  ingest
                      .submit(e.block())
                      .map(
                          accepted -> {
                            String key = accepted.created() ? "created" : "alreadyStored";
                            summary.put(key, summary.getInteger(key) + 1);
                            return (Void) null;
                          })
                      .recover(
                          failure -> {
                            if (!(failure instanceof IpfeedException refused)) {
                              return Future.failedFuture(failure);
                            }
                            rejected.add(
                                new JsonObject()
                                    .put("cid", e.cid().toString())
                                    .put("reason", refused.reason())
                                    .put("detail", refused.getMessage()));
                            return Future.succeededFuture();
                          }));
    }
    return chain.map(v -> summary.put("rejected", rejected));
  }

  private static <T> T await(Future<T> future) {
    return Blocking.await(future, Duration.ofMinutes(1));
  }
}
