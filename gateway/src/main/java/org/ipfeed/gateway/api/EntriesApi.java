package org.ipfeed.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.ipfeed.gateway.ingest.Ingest;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.codec.DagJson;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.BlockStore;

/**
 * {@code POST /api/v1/entries} (publish a signed entry) and {@code GET /api/v1/entries/{cid}}.
 *
 * <p>A submission is the entry's DAG-CBOR block ({@code application/vnd.ipld.dag-cbor}) or the same
 * entry as DAG-JSON ({@code application/vnd.ipld.dag-json} or {@code application/json}), which is
 * converted to DAG-CBOR first: the signature covers the DAG-CBOR bytes, so only an exact conversion
 * verifies. 201 with the CID once the block is durable; 200 for an entry already stored (submitting
 * twice is safe).
 */
public final class EntriesApi {

  /** Bodies beyond this are refused while being read (413); DAG-JSON needs room over 1 MiB. */
  public static final long MAX_BODY_BYTES = 2L * 1024 * 1024;

  private final Vertx vertx;
  private final BlockStore store;
  private final Ingest ingest;

  public EntriesApi(Vertx vertx, BlockStore store, Ingest ingest) {
    this.vertx = vertx;
    this.store = store;
    this.ingest = ingest;
  }

  public void post(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    boolean json = isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
    // Converting up to 2 MiB of DAG-JSON is CPU work: a worker, never the event loop.
    Future<byte[]> block =
        json
            ? vertx.executeBlocking(() -> DagCbor.encode(DagJson.decode(body)), false)
            : Future.succeededFuture(body);
    block
        .compose(ingest::submit)
        .onFailure(ctx::fail)
        .onSuccess(
            accepted -> {
              SignedEntry e = accepted.entry();
              ctx.response()
                  .setStatusCode(accepted.created() ? 201 : 200)
                  .putHeader(HttpHeaders.LOCATION, "/api/v1/entries/" + e.cid())
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .end(summary(e).encode());
            });
  }

  public void get(RoutingContext ctx) {
    Cid cid = Cid.parse(ctx.pathParam("cid"));
    store
        .get(cid)
        .compose(block -> vertx.executeBlocking(() -> entryJson(cid, block.bytes()), false))
        .onFailure(ctx::fail)
        .onSuccess(
            json ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    // An entry never changes; whether it is hidden is the timeline's business.
                    .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=29030400, immutable")
                    .end(json.encode()));
  }

  /** Decoding and rendering a block of up to 1 MiB: run on a worker. */
  private static JsonObject entryJson(Cid cid, byte[] bytes) {
    SignedEntry e;
    try {
      e = SignedEntry.decode(bytes);
    } catch (BadInputException notAnEntry) {
      throw new NotFoundException(
          "not-an-entry", cid + " is a block here, but not an ipfeed entry");
    }
    String dagJson = new String(DagJson.encode(DagCbor.decode(bytes)), StandardCharsets.UTF_8);
    return summary(e)
        .put("entry", new JsonObject(dagJson))
        .put("block", "/ipfs/" + cid + "?format=raw");
  }

  /** What every answer about an entry carries: enough to fetch the block and check it. */
  static JsonObject summary(SignedEntry e) {
    return new JsonObject()
        .put("cid", e.cid().toString())
        .put("type", e.type().wireName())
        .put("author", e.entry().author().toString())
        .put("seq", e.entry().seq());
  }

  /** Whether the body is DAG-JSON (to convert) rather than DAG-CBOR; 415 for anything else. */
  static boolean isJson(String contentType) {
    String type =
        contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/vnd.ipld.dag-cbor", "application/cbor" -> false;
      case "application/vnd.ipld.dag-json", "application/json" -> true;
      default ->
          throw new BadInputException(
              "unsupported-media-type",
              "send the entry as application/vnd.ipld.dag-cbor or application/vnd.ipld.dag-json,"
                  + " not "
                  + (type.isEmpty() ? "without a Content-Type" : type));
    };
  }
}
