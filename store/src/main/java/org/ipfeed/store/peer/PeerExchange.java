package org.ipfeed.store.peer;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.UpstreamException;
import org.ipfeed.schema.multiformats.Cid;

/**
 * One {@code GET /ipfs/{cid}?format=raw} to one peer: completes with the raw, unverified body of a
 * 200, or fails with {@code NotFoundException} (404, 410) or {@code UpstreamException}. Runs on one
 * Vert.x context from start to end, so its fields need no locking.
 *
 * <p>Whatever goes wrong after the request is on the wire (time-out, a body over the limit), the
 * request is reset: on HTTP/1.1 that closes the connection, so a peer cannot make us read an
 * endless body or hold a pooled connection hostage.
 */
final class PeerExchange {

  static final String RAW = "application/vnd.ipld.raw";

  /** How much of an error page is read so the connection can be reused; beyond that it is cut. */
  static final int ERROR_BODY_BYTES = 16 * 1024;

  private final Vertx vertx;
  private final HttpClient http;
  private final URI gateway;
  private final Cid cid;
  private final long timeoutMillis;
  private final long connectTimeoutMillis;
  private final int maxBytes;
  private final Promise<Buffer> result = Promise.promise();
  private HttpClientRequest request;
  private boolean done;
  private boolean responseEnded;
  private long timer = -1;

  PeerExchange(
      Vertx vertx,
      HttpClient http,
      URI gateway,
      Cid cid,
      long timeoutMillis,
      long connectTimeoutMillis,
      int maxBytes) {
    this.vertx = vertx;
    this.http = http;
    this.gateway = gateway;
    this.cid = cid;
    this.timeoutMillis = timeoutMillis;
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.maxBytes = maxBytes;
  }

  /** Starts the exchange on a context of its own; the result completes there. */
  Future<Buffer> run() {
    vertx.getOrCreateContext().runOnContext(v -> start());
    return result.future();
  }

  String url() {
    return gateway + "/ipfs/" + cid + "?format=raw";
  }

  private void start() {
    timer =
        vertx.setTimer(
            timeoutMillis,
            id ->
                fail(
                    new UpstreamException(
                        "peer-timeout",
                        gateway
                            + " did not answer for "
                            + cid
                            + " within "
                            + timeoutMillis
                            + " ms")));
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(url())
            .putHeader(HttpHeaders.ACCEPT, RAW)
            .setFollowRedirects(false)
            .setConnectTimeout(connectTimeoutMillis);
    http.request(options)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                fail(unreachable(ar.cause()));
                return;
              }
              request = ar.result();
              if (done) {
                request.reset();
                return;
              }
              request
                  .send()
                  .onComplete(
                      sent -> {
                        if (sent.failed()) {
                          fail(unreachable(sent.cause()));
                        } else {
                          receive(sent.result());
                        }
                      });
            });
  }

  private void receive(HttpClientResponse response) {
    // Set before anything can reset the stream, so the reset is reported here, not logged.
    response.exceptionHandler(e -> fail(unreachable(e)));
    if (done) {
      return;
    }
    int status = response.statusCode();
    if (status == 200) {
      String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
      if (length != null && declaredTooLong(length)) {
        fail(tooLarge("declared " + length + " bytes"));
        return;
      }
      Buffer body = Buffer.buffer();
      readBody(
          response, body, maxBytes, () -> succeed(body), () -> fail(tooLarge("sent more bytes")));
      return;
    }
    Exception outcome =
        status == 404 || status == 410
            ? new NotFoundException(
                "block-not-found", gateway + " does not have " + cid + " (HTTP " + status + ")")
            : new UpstreamException(
                "peer-bad-status",
                gateway
                    + " answered HTTP "
                    + status
                    + " "
                    + response.statusMessage()
                    + " for "
                    + cid);
    // Read a short error page so the connection goes back to the pool; cut a long one.
    readBody(response, Buffer.buffer(), ERROR_BODY_BYTES, () -> fail(outcome), () -> fail(outcome));
  }

  private void readBody(
      HttpClientResponse response, Buffer body, int limit, Runnable onEnd, Runnable onOverflow) {
    response.handler(
        chunk -> {
          if (done) {
            return;
          }
          if ((long) body.length() + chunk.length() > limit) {
            onOverflow.run();
          } else {
            body.appendBuffer(chunk);
          }
        });
    response.endHandler(
        v -> {
          responseEnded = true;
          onEnd.run();
        });
  }

  private boolean declaredTooLong(String contentLength) {
    try {
      return Long.parseLong(contentLength.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return false; // a broken header is judged by the bytes that actually arrive
    }
  }

  private void succeed(Buffer body) {
    if (stop()) {
      result.complete(body);
    }
  }

  private void fail(Throwable failure) {
    if (stop()) {
      if (request != null && !responseEnded) {
        request.reset();
      }
      result.fail(failure);
    }
  }

  /** Marks the exchange over; false if it already was. */
  private boolean stop() {
    if (done) {
      return false;
    }
    done = true;
    if (timer != -1) {
      vertx.cancelTimer(timer);
    }
    return true;
  }

  private UpstreamException tooLarge(String what) {
    return new UpstreamException(
        "peer-answer-too-large",
        gateway
            + " "
            + what
            + " for "
            + cid
            + ", over the limit of "
            + maxBytes
            + " bytes; the answer was cut off and discarded");
  }

  private UpstreamException unreachable(Throwable cause) {
    return new UpstreamException(
        "peer-unreachable",
        gateway + " could not be asked for " + cid + ": " + cause.getMessage(),
        cause);
  }
}
