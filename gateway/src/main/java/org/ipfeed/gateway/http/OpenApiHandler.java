package org.ipfeed.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.yaml}: the OpenAPI 3.1 description of every route, a file kept beside
 * the code ({@code org/ipfeed/gateway/openapi.yaml}) and checked against the router by a test. It
 * is read once, by {@link #load()} on a worker at start-up, and served from memory.
 */
public final class OpenApiHandler implements Handler<RoutingContext> {

  static final String RESOURCE = "/org/ipfeed/gateway/openapi.yaml";
  static final String CONTENT_TYPE = "application/yaml";

  private final Buffer document;

  private OpenApiHandler(Buffer document) {
    this.document = document;
  }

  /** Reads the document from the classpath: blocking, so not on an event loop. */
  public static OpenApiHandler load() {
    try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new OpenApiHandler(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .end(document);
  }
}
