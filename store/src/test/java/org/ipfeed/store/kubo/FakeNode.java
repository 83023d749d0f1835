package org.ipfeed.store.kubo;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for an IPFS node's RPC API on a loopback port, for the error paths a real
 * node will not produce on demand: lies, garbage, silence, floods.
 */
final class FakeNode implements AutoCloseable {

  /** A request as the node saw it, the file part read in full. */
  record Seen(String command, MultiMap params, String partContentType, byte[] part) {}

  interface Responder {
    void respond(HttpServerRequest request, Seen seen);
  }

  private final Vertx vertx;
  private final Map<String, Responder> responders = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  final AtomicInteger closedConnections = new AtomicInteger();
  private HttpServer server;

  private FakeNode(Vertx vertx) {
    this.vertx = vertx;
  }

  static FakeNode start(Vertx vertx) {
    FakeNode node = new FakeNode(vertx);
    node.server =
        await(
            vertx
                .createHttpServer()
                .connectionHandler(
                    c -> c.closeHandler(v -> node.closedConnections.incrementAndGet()))
                .requestHandler(node::handle)
                .listen(0, "127.0.0.1"));
    return node;
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  FakeNode on(String command, Responder responder) {
    responders.put(command, responder);
    return this;
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  long count(String command) {
    return seen.stream().filter(s -> s.command().equals(command)).count();
  }

  Seen last(String command) {
    return seen.stream()
        .filter(s -> s.command().equals(command))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("the node saw no " + command));
  }

  private void handle(HttpServerRequest request) {
    String command = request.path().replaceFirst("^/api/v0/", "");
    String type = request.getHeader("Content-Type");
    String[] partType = new String[1];
    Buffer part = Buffer.buffer();
    if (type != null && type.startsWith("multipart/")) {
      request.setExpectMultipart(true);
      request.uploadHandler(
          upload -> {
            partType[0] = upload.contentType();
            upload.handler(part::appendBuffer);
          });
    }
    request.endHandler(
        v -> {
          MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(request.params());
          Seen s = new Seen(command, params, partType[0], part.getBytes());
          seen.add(s);
          Responder responder = responders.get(command);
          if (responder == null) {
            request.response().setStatusCode(404).end("404 page not found");
          } else {
            responder.respond(request, s);
          }
        });
  }

  static Responder json(String body) {
    return (request, seen) ->
        request.response().putHeader("Content-Type", "application/json").end(body);
  }

  static Responder error(int status, String message) {
    return (request, seen) ->
        request
            .response()
            .setStatusCode(status)
            .putHeader("Content-Type", "application/json")
            .end("{\"Message\":\"" + message + "\",\"Code\":0,\"Type\":\"error\"}");
  }

  static Responder text(int status, String body) {
    return (request, seen) -> request.response().setStatusCode(status).end(body);
  }

  static Responder bytes(byte[] body) {
    return (request, seen) -> request.response().end(Buffer.buffer(body));
  }

  /** A 200 stream of lines, then an optional error trailer. */
  static Responder stream(List<String> lines, String streamError) {
    return (request, seen) -> {
      var response = request.response().setChunked(true);
      response.putHeader("Content-Type", "application/json");
      response.putHeader("Trailer", "X-Stream-Error");
      for (String line : lines) {
        response.write(line + "\n");
      }
      if (streamError != null) {
        response.putTrailer("X-Stream-Error", streamError);
      }
      response.end();
    };
  }

  static Responder silent() {
    return (request, seen) -> {};
  }

  @Override
  public void close() {
    await(server.close());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
