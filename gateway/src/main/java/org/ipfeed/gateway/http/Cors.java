package org.ipfeed.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Cross-origin reads: any web page may read public content from any gateway, which is what lets a
 * frontend on one origin use many gateways. Writes are not opened up here.
 */
public final class Cors implements Handler<RoutingContext> {

  static final String EXPOSED =
      "Content-Length, Content-Range, Content-Type, Etag, X-Ipfs-Path, X-Ipfs-Roots";

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
    if (ctx.request().method() == HttpMethod.OPTIONS) {
      ctx.response()
          .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS")
          .putHeader(
              HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
              "Accept, Content-Type, If-None-Match, Range")
          .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400")
          .setStatusCode(204)
          .end();
      return;
    }
    ctx.next();
  }
}
