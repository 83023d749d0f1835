package org.ipfeed.store.peer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;

/**
 * A tiny HTTP server playing a peer's trustless gateway, honest or not, on a free loopback port.
 * Unit tests only: it answers {@code GET /ipfs/{cid}} from a map, the way {@link Behaviour} says.
 */
public final class FakePeerGateway {

  /** How the fake answers. */
  public enum Behaviour {
    /** 200 with the block when it has it, else 404. */
    HONEST,
    /** 200 with bytes that are not the block (for every CID it has; 404 otherwise). */
    LYING,
    /** 200 with an endless chunked body. */
    ENDLESS,
    /** 200 declaring a body of 2 MiB, then sending it slowly. */
    DECLARES_TOO_MUCH,
    /** Accepts the request and never answers. */
    SILENT,
    /** 200 and then one byte every 50 ms, forever. */
    TRICKLING,
    /** 500 to everything. */
    BROKEN,
    /** 410 to everything. */
    GONE
  }

  private final Vertx vertx;
  private final HttpServer server;
  private final Map<Cid, byte[]> blocks = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicInteger cutOff = new AtomicInteger();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private volatile Behaviour behaviour = Behaviour.HONEST;

  private FakePeerGateway(Vertx vertx) {
    this.vertx = vertx;
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  public static Future<FakePeerGateway> start(Vertx vertx) {
    FakePeerGateway peer = new FakePeerGateway(vertx);
    return peer.server.listen(0, "127.0.0.1").map(peer);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  public FakePeerGateway serve(Block block) {
    blocks.put(block.cid(), block.bytes());
    return this;
  }

  public FakePeerGateway behave(Behaviour behaviour) {
    this.behaviour = behaviour;
    return this;
  }

  public int requests() {
    return requests.get();
  }

  /** Bytes of bodies written so far. */
  public long bytesSent() {
    return bytesSent.get();
  }

  /** Responses the client hung up on before they were complete. */
  public int cutOff() {
    return cutOff.get();
  }

  /** Each request as {@code <uri> <Accept header>}. */
  public List<String> seen() {
    return List.copyOf(seen);
  }

  public Future<Void> stop() {
    return server.close();
  }

  private void handle(HttpServerRequest request) {
    requests.incrementAndGet();
    seen.add(request.uri() + " " + request.getHeader("Accept"));
    HttpServerResponse response = request.response();
    response.closeHandler(
        v -> {
          if (!response.ended()) {
            cutOff.incrementAndGet();
          }
        });
    String path = request.path();
    Cid cid = path.startsWith("/ipfs/") ? Cid.tryParse(path.substring(6)).orElse(null) : null;
    byte[] block = cid == null ? null : blocks.get(cid);
    switch (behaviour) {
      case HONEST -> answer(response, block);
      case LYING -> {
        if (block == null) {
          answer(response, null);
        } else {
          byte[] lie = block.clone();
          lie[lie.length - 1] ^= 1;
          answer(response, lie);
        }
      }
      case ENDLESS -> {
        response.setChunked(true).putHeader("Content-Type", "application/vnd.ipld.raw");
        stream(response, 16 * 1024, 5);
      }
      case DECLARES_TOO_MUCH -> {
        response.putHeader("Content-Length", String.valueOf(2 << 20));
        stream(response, 16 * 1024, 5);
      }
      case SILENT -> {}
      case TRICKLING -> {
        response.setChunked(true);
        stream(response, 1, 50);
      }
      case BROKEN -> response.setStatusCode(500).end("something broke");
      case GONE -> response.setStatusCode(410).end();
    }
  }

  private void answer(HttpServerResponse response, byte[] bytes) {
    if (bytes == null) {
      response.setStatusCode(404).end("not here");
      return;
    }
    bytesSent.addAndGet(bytes.length);
    response
        .putHeader("Content-Type", "application/vnd.ipld.raw")
        .putHeader("Cache-Control", "public, max-age=29030400, immutable")
        .end(Buffer.buffer(bytes));
  }

  private void stream(HttpServerResponse response, int chunk, long everyMillis) {
    vertx.setPeriodic(
        everyMillis,
        timer -> {
          if (response.closed() || response.ended()) {
            vertx.cancelTimer(timer);
            return;
          }
          bytesSent.addAndGet(chunk);
          response.write(Buffer.buffer(new byte[chunk]));
        });
  }
}
