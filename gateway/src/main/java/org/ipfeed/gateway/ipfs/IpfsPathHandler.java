package org.ipfeed.gateway.ipfs;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.ipfeed.schema.car.CarWriter;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.schema.multiformats.Multicodec;
import org.ipfeed.store.Block;
import org.ipfeed.store.BlockStore;

/**
 * {@code GET} and {@code HEAD /ipfs/{cid}}: a trustless gateway (the block itself, or a CAR of its
 * DAG) and a readable one (DAG-JSON and JSON renderings of DAG-CBOR blocks, and back). Only what
 * this node's store holds is served: it never fetches on a reader's behalf, so an unknown CID is a
 * 404, as the specification asks of non-recursive gateways.
 */
public final class IpfsPathHandler implements Handler<RoutingContext> {

  /** Everything under /ipfs/ is immutable: a year, as the path gateway specification says. */
  static final String IMMUTABLE = "public, max-age=29030400, immutable";

  /** Renderings of larger blocks are computed off the event loop. */
  private static final int INLINE_RENDER_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final BlockStore store;
  private final int maxCarBlocks;

  public IpfsPathHandler(Vertx vertx, BlockStore store, int maxCarBlocks) {
    this.vertx = vertx;
    this.store = store;
    this.maxCarBlocks = maxCarBlocks;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String rest = ctx.request().path().substring("/ipfs/".length());
    int slash = rest.indexOf('/');
    String cidText = slash < 0 ? rest : rest.substring(0, slash);
    String remainder = slash < 0 ? "" : rest.substring(slash);
    Cid cid = Cid.parse(cidText);
    if (!cid.multihash().isSupported()) {
      throw new BadInputException(
          "unsupported-hash",
          cidText + " uses hash function " + cid.multihash().function() + "; only sha2-256");
    }
    if (!remainder.isEmpty() && !remainder.equals("/")) {
      throw new BadInputException(
          "not-implemented", "paths inside a DAG are not served; ask for the CID itself");
    }
    Negotiation n =
        Negotiation.choose(
            ctx.queryParams().get("format"),
            ctx.request().getHeader(HttpHeaders.ACCEPT),
            cid.codec());
    HttpServerResponse response = ctx.response();
    response
        .putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Ipfs-Path", "/ipfs/" + cidText)
        .putHeader("X-Ipfs-Roots", cid.toString())
        .putHeader(HttpHeaders.VARY, "Accept");
    if (n.byAcceptOnly()) {
      response.putHeader(
          HttpHeaders.CONTENT_LOCATION, "/ipfs/" + cidText + "?format=" + n.format().param);
    }
    if (n.format() == ResponseFormat.CAR) {
      car(ctx, cid);
    } else {
      block(ctx, cid, n.format());
    }
  }

  // ---- a block, or a rendering of it ----

  private void block(RoutingContext ctx, Cid cid, ResponseFormat format) {
    String etag = "\"" + cid + "." + format.param + "\"";
    HttpServerResponse response = ctx.response();
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, format.contentType())
        .putHeader(HttpHeaders.ETAG, etag)
        .putHeader(HttpHeaders.CONTENT_DISPOSITION, disposition(ctx, cid, format));
    if (format == ResponseFormat.RAW) {
      response.putHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
    }
    if (EntityTags.noneMatchHits(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
      response.setStatusCode(304).end();
      return;
    }
    load(cid)
        .compose(block -> render(block, format))
        .onSuccess(bytes -> sendBody(ctx, format, bytes))
        .onFailure(ctx::fail);
  }

  private Future<Block> load(Cid cid) {
    if (cid.multihash().function().equals(Multicodec.IDENTITY)) {
      // An identity CID carries its block; the probe CID bafkqaaa is the empty one.
      return Future.succeededFuture(Block.verified(cid, cid.multihash().digest()));
    }
    // No has() first: a miss is a NotFoundException from get() itself, and one store call per
    // request instead of two is most of the cost of serving a small block.
    return store.get(cid);
  }

  private Future<byte[]> render(Block block, ResponseFormat format) {
    if (!format.isRendering()) {
      return Future.succeededFuture(block.bytes());
    }
    if (block.length() <= INLINE_RENDER_BYTES) {
      try {
        return Future.succeededFuture(Renderings.convert(block, format));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    return vertx.executeBlocking(() -> Renderings.convert(block, format), false);
  }

  private static void sendBody(RoutingContext ctx, ResponseFormat format, byte[] bytes) {
    HttpServerResponse response = ctx.response();
    Optional<ByteRange> range = Optional.empty();
    if (format == ResponseFormat.RAW) {
      try {
        range = ByteRange.parse(ctx.request().getHeader("Range"), bytes.length);
      } catch (BadInputException e) {
        response.putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + bytes.length);
        ctx.fail(e);
        return;
      }
    }
    Buffer body = Buffer.buffer(bytes);
    if (range.isPresent()) {
      ByteRange r = range.get();
      response
          .setStatusCode(206)
          .putHeader(HttpHeaders.CONTENT_RANGE, r.contentRange(bytes.length));
      body = body.getBuffer(r.first(), r.last() + 1);
    }
    response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.end();
    } else {
      response.end(body);
    }
  }

  // ---- a CAR ----

  private void car(RoutingContext ctx, Cid cid) {
    CarScope scope = CarScope.parse(ctx);
    String etag = "W/\"" + cid + ".car." + scope.name + "\"";
    HttpServerResponse response = ctx.response();
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, ResponseFormat.CAR_CONTENT_TYPE)
        .putHeader(HttpHeaders.ETAG, etag)
        .putHeader(HttpHeaders.CONTENT_DISPOSITION, disposition(ctx, cid, ResponseFormat.CAR))
        // A CAR's bytes are not promised to be the same on every request, so no ranges.
        .putHeader(HttpHeaders.ACCEPT_RANGES, "none");
    if (EntityTags.noneMatchHits(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
      response.setStatusCode(304).end();
      return;
    }
    boolean head = ctx.request().method() == HttpMethod.HEAD;
    if (cid.multihash().function().equals(Multicodec.IDENTITY)) {
      // Identity blocks are never written into a CAR: the header alone says it all.
      byte[] header = CarWriter.encodeHeader(List.of(cid));
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(header.length));
      if (head) {
        response.end();
      } else {
        response.end(Buffer.buffer(header));
      }
      return;
    }
    store
        .has(cid)
        .onFailure(ctx::fail)
        .onSuccess(
            present -> {
              if (!present) {
                ctx.fail(
                    new NotFoundException("block-not-found", cid + " is not held by this gateway"));
                return;
              }
              if (head) {
                response.end();
                return;
              }
              // Committed to 200 from here: a block missing further down cuts the stream (see
              // Problems.send), and the client, which must check completeness, sees it.
              response.setChunked(true);
              store
                  .exportCar(scope.request(cid, maxCarBlocks), response)
                  .onSuccess(done -> response.end())
                  .onFailure(ctx::fail);
            });
  }

  private static String disposition(RoutingContext ctx, Cid cid, ResponseFormat format) {
    String requested = ctx.queryParams().get("filename");
    String name = requested != null ? safeFilename(requested) : cid + "." + format.extension;
    String kind = format.isRendering() ? "inline" : "attachment";
    return kind + "; filename=\"" + name + "\"";
  }

  /** A filename that cannot break out of its quotes or name a path. */
  static String safeFilename(String requested) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < requested.length() && out.length() < 200; i++) {
      char c = requested.charAt(i);
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-'
              || c == '_';
      out.append(plain ? c : '_');
    }
    return out.length() == 0 ? "block" : out.toString();
  }
}
