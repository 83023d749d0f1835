package org.ipfeed.store.kubo;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientMultipartForm;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ipfeed.schema.error.IpfeedException;
import org.ipfeed.schema.error.UpstreamException;

/**
 * The transport under {@link KuboBlockStore}: sends {@link RpcCall}s, enforces the time-outs, the
 * retry policy and the size limits, and turns every failure into either a {@link NodeCommandError}
 * (the node ran the command and said no) or an {@link UpstreamException} (the node is down, slow or
 * talking nonsense).
 *
 * <p>Built on the core Vert.x {@code HttpClient}, the layer {@code WebClient} wraps, because a
 * lying node must be cut off: only the core request can be {@link HttpClientRequest#reset() reset},
 * which closes the connection the moment an answer grows past its limit or the deadline passes.
 * WebClient's body codecs can only stop storing such an answer while the connection keeps reading
 * it to its end, and its time-outs are idle time-outs, which a slow drip never trips.
 */
final class NodeRpc {

  /** The most of an error body that is read: enough for any message a node sends. */
  static final int MAX_ERROR_BYTES = 64 * 1024;

  /** Failures worth another try of an idempotent call; a time-out is not (slow stays slow). */
  private static final String UNREACHABLE = "ipfs-unreachable";

  private static final String UNAVAILABLE = "ipfs-unavailable";

  /** Reads the body of a 200 answer; the answer's trailers are checked after it completes. */
  @FunctionalInterface
  interface BodyReader<T> {
    Future<T> read(HttpClientResponse response);
  }

  private final Vertx vertx;
  private final Context home;
  private final KuboStoreConfig config;
  private final HttpClientAgent calls;
  private final HttpClientAgent streams;
  private final String host;
  private final int port;
  private final boolean ssl;
  private final String basePath;

  NodeRpc(Vertx vertx, KuboStoreConfig config) {
    this.vertx = vertx;
    this.home = vertx.getOrCreateContext();
    this.config = config;
    URI api = config.apiUrl();
    this.ssl = api.getScheme().equalsIgnoreCase("https");
    this.host = api.getHost();
    this.port = api.getPort() > 0 ? api.getPort() : ssl ? 443 : 80;
    String path = api.getRawPath() == null ? "" : api.getRawPath();
    this.basePath = (path.endsWith("/") ? path : path + "/") + "api/v0/";
    HttpClientOptions options =
        new HttpClientOptions()
            .setSsl(ssl)
            .setConnectTimeout(
                (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
            .setKeepAlive(true);
    this.calls =
        vertx
            .httpClientBuilder()
            .with(options)
            .with(new PoolOptions().setHttp1MaxSize(config.maxConnections()))
            .build();
    // A subscription holds its connection for as long as it lasts; on the shared pool a few of
    // them would starve every other call.
    this.streams =
        vertx
            .httpClientBuilder()
            .with(new HttpClientOptions(options))
            .with(new PoolOptions().setHttp1MaxSize(1024))
            .build();
  }

  /**
   * Sends {@code call} and reads a 200 answer with {@code reader}, retrying idempotent calls with
   * exponential backoff after connection failures and 5xx answers that are not command errors.
   */
  <T> Future<T> call(RpcCall call, Supplier<BodyReader<T>> reader) {
    return attempt(call, reader, 0);
  }

  /** Sends {@code call} and collects its answer, at most {@code maxBytes} of it. */
  Future<Buffer> buffer(RpcCall call, int maxBytes, Supplier<RuntimeException> tooLarge) {
    return call(call, () -> response -> readCapped(response, maxBytes, tooLarge));
  }

  /** Sends {@code call} and parses its answer as one JSON object. */
  Future<JsonObject> json(RpcCall call) {
    return buffer(call, config.maxJsonBytes(), this::jsonTooLarge).map(this::parseJson);
  }

  /**
   * Sends {@code call} and hands each JSON line of its answer to {@code onLine}, which may throw to
   * end the call with that failure. The single-object answers of commands that have not streamed
   * are one line as well.
   */
  Future<Void> jsonLines(RpcCall call, Consumer<JsonObject> onLine) {
    return call(
        call, () -> response -> readLines(response, line -> onLine.accept(parseJson(line))));
  }

  /** Sends a streaming call on the connections reserved for long-lived streams. */
  <T> Future<T> longStream(RpcCall call, BodyReader<T> reader) {
    return exchange(streams, call, reader, 0);
  }

  Future<Void> close() {
    return Future.join(calls.close(), streams.close()).mapEmpty();
  }

  private <T> Future<T> attempt(RpcCall call, Supplier<BodyReader<T>> reader, int retry) {
    long idle = call.isStreaming() ? config.requestTimeout().toMillis() : 0;
    return exchange(calls, call, reader.get(), idle)
        .recover(
            failure -> {
              if (retry >= config.maxRetries() || !call.idempotent() || !isTransient(failure)) {
                return Future.failedFuture(failure);
              }
              Promise<T> next = Promise.promise();
              vertx.setTimer(
                  backoffMillis(retry), id -> attempt(call, reader, retry + 1).onComplete(next));
              return next.future();
            });
  }

  private long backoffMillis(int retry) {
    long base = config.initialBackoff().toMillis() << Math.min(retry, 20);
    long capped = Math.min(base, config.maxBackoff().toMillis());
    // Jitter in [0.5, 1): clients that failed together do not all come back together.
    return Math.max(1, (long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble() / 2)));
  }

  private static boolean isTransient(Throwable failure) {
    return failure instanceof UpstreamException u
        && (u.reason().equals(UNREACHABLE) || u.reason().equals(UNAVAILABLE));
  }

  /**
   * One attempt. The deadline runs from asking the pool for a connection; it covers the whole
   * answer of a plain call and the head of a streaming one. When it passes, the request is reset,
   * which also closes the connection, so nothing lingers behind a failed call.
   *
   * @param idleMillis for streams, the longest silence after the head; 0 for none
   */
  private <T> Future<T> exchange(
      HttpClientAgent client, RpcCall call, BodyReader<T> reader, long idleMillis) {
    if (Vertx.currentContext() == null) {
      // From a thread outside Vert.x, the answer's head reaches our callback through a hop to
      // another thread, and a short answer can end before the body handlers are set (Vert.x then
      // refuses them). Sent from a context, head and body arrive in order on that context.
      Promise<T> done = Promise.promise();
      home.runOnContext(v -> exchange(client, call, reader, idleMillis).onComplete(done));
      return done.future();
    }
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(host)
            .setPort(port)
            .setSsl(ssl)
            .setURI(call.uri(basePath))
            .setConnectTimeout(config.connectTimeout().toMillis());
    if (idleMillis > 0) {
      options.setIdleTimeout(idleMillis);
    }
    Promise<T> result = Promise.promise();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    long deadline = config.requestTimeout().toMillis();
    long timer =
        vertx.setTimer(
            deadline,
            id -> {
              UpstreamException timeout =
                  new UpstreamException(
                      "ipfs-timeout",
                      "the IPFS node at "
                          + config.apiUrl()
                          + " did not answer "
                          + call.command()
                          + " within "
                          + deadline
                          + " ms");
              if (result.tryFail(timeout)) {
                HttpClientRequest request = sent.get();
                if (request != null) {
                  request.reset(0, timeout);
                }
              }
            });
    client
        .request(options)
        .compose(
            request -> {
              if (result.future().isComplete()) {
                request.reset();
                return Future.failedFuture(result.future().cause());
              }
              sent.set(request);
              if (call.file() == null) {
                return request.send();
              }
              return request.send(
                  ClientMultipartForm.multipartForm()
                      .binaryFileUpload("file", "file", "application/octet-stream", call.file()));
            })
        .compose(
            response -> {
              if (call.isStreaming()) {
                vertx.cancelTimer(timer);
              }
              if (response.statusCode() != 200) {
                return readError(response, call);
              }
              return reader.read(response).compose(value -> checkTrailer(response, value));
            })
        .onComplete(
            done -> {
              vertx.cancelTimer(timer);
              if (done.succeeded()) {
                result.tryComplete(done.result());
              } else {
                result.tryFail(translate(done.cause(), call));
              }
            });
    return result.future();
  }

  /** An error after a 200 arrives in the {@code X-Stream-Error} trailer. */
  private static <T> Future<T> checkTrailer(HttpClientResponse response, T value) {
    String error = response.trailers().get("X-Stream-Error");
    if (error == null || error.isBlank()) {
      return Future.succeededFuture(value);
    }
    return Future.failedFuture(new NodeCommandError(200, errorMessage(error)));
  }

  private <T> Future<T> readError(HttpClientResponse response, RpcCall call) {
    int status = response.statusCode();
    return readCapped(
            response,
            MAX_ERROR_BYTES,
            () -> upstream(UNAVAILABLE, call, "HTTP " + status + " with an oversized body"))
        .compose(
            body -> {
              String text = body.toString(StandardCharsets.UTF_8);
              String message = commandErrorMessage(text);
              if (message != null) {
                return Future.failedFuture(new NodeCommandError(status, message));
              }
              // No RPC error body: a proxy, a crashing handler or no RPC API at all.
              String reason = status >= 500 ? UNAVAILABLE : "ipfs-error";
              return Future.failedFuture(
                  upstream(reason, call, "HTTP " + status + ": " + snippet(text)));
            });
  }

  /** The {@code Message} of an RPC error body, or null when {@code text} is not one. */
  static String commandErrorMessage(String text) {
    try {
      JsonObject error = new JsonObject(text);
      Object message = error.getValue("Message");
      return message instanceof String s ? s : null;
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** A trailer holds an RPC error body (js-ipfs) or the bare message (Kubo). */
  static String errorMessage(String trailer) {
    String message = commandErrorMessage(trailer);
    return message != null ? message : trailer.strip();
  }

  /** Collects at most {@code max} bytes, resetting the request the moment the answer is larger. */
  static Future<Buffer> readCapped(
      HttpClientResponse response, int max, Supplier<RuntimeException> tooLarge) {
    String declared = response.getHeader("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        length = -1;
      }
      if (length > max) {
        response.request().reset();
        return Future.failedFuture(tooLarge.get());
      }
    }
    Promise<Buffer> body = Promise.promise();
    Buffer collected = Buffer.buffer();
    response.handler(
        chunk -> {
          if (body.future().isComplete()) {
            return;
          }
          if ((long) collected.length() + chunk.length() > max) {
            body.tryFail(tooLarge.get());
            response.request().reset();
            return;
          }
          collected.appendBuffer(chunk);
        });
    response.exceptionHandler(body::tryFail);
    response.endHandler(v -> body.tryComplete(collected));
    return body.future();
  }

  /** Splits the answer into lines as they arrive; a line over the JSON limit ends the call. */
  Future<Void> readLines(HttpClientResponse response, Consumer<String> onLine) {
    Promise<Void> done = Promise.promise();
    LineSplitter lines = new LineSplitter(config.maxJsonBytes());
    response.handler(
        chunk -> {
          if (done.future().isComplete()) {
            return;
          }
          try {
            lines.feed(chunk, onLine);
          } catch (RuntimeException e) {
            done.tryFail(e instanceof LineSplitter.LineTooLong ? jsonTooLarge() : e);
            response.request().reset();
          }
        });
    response.exceptionHandler(done::tryFail);
    response.endHandler(
        v -> {
          try {
            lines.finish(onLine);
            done.tryComplete();
          } catch (RuntimeException e) {
            done.tryFail(e instanceof LineSplitter.LineTooLong ? jsonTooLarge() : e);
          }
        });
    return done.future();
  }

  JsonObject parseJson(Buffer body) {
    return parseJson(body.toString(StandardCharsets.UTF_8));
  }

  JsonObject parseJson(String text) {
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new UpstreamException(
          "ipfs-bad-response",
          "the IPFS node at " + config.apiUrl() + " answered malformed JSON: " + snippet(text),
          e);
    }
  }

  UpstreamException jsonTooLarge() {
    return new UpstreamException(
        "ipfs-response-too-large",
        "the IPFS node at "
            + config.apiUrl()
            + " sent a JSON answer over "
            + config.maxJsonBytes()
            + " bytes");
  }

  private UpstreamException upstream(String reason, RpcCall call, String what) {
    return new UpstreamException(
        reason, "the IPFS node at " + config.apiUrl() + " failed " + call.command() + ": " + what);
  }

  /** Maps transport failures onto the vocabulary; what already speaks it passes through. */
  private Throwable translate(Throwable failure, RpcCall call) {
    if (failure instanceof IpfeedException || failure instanceof NodeCommandError) {
      return failure;
    }
    if (failure instanceof ConnectException
        || failure instanceof UnknownHostException
        || failure instanceof HttpClosedException
        || failure instanceof IOException) {
      return new UpstreamException(
          UNREACHABLE,
          "cannot reach the IPFS node at "
              + config.apiUrl()
              + " for "
              + call.command()
              + ": "
              + failure.getMessage(),
          failure);
    }
    if (failure instanceof TimeoutException
        || failure.getClass().getSimpleName().contains("Timeout")) {
      return new UpstreamException(
          "ipfs-timeout",
          "the IPFS node at "
              + config.apiUrl()
              + " went silent during "
              + call.command()
              + ": "
              + failure.getMessage(),
          failure);
    }
    return new UpstreamException(
        "ipfs-error",
        "the call " + call.command() + " to the IPFS node at " + config.apiUrl() + " failed",
        failure);
  }

  private static String snippet(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
  }
}
