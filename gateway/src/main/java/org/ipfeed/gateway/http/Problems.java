package org.ipfeed.gateway.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.NotFoundException;

/** Writes failures as problem+json, and installs the router's last-resort handlers. */
public final class Problems {

  private static final Logger LOG = Logger.getLogger(Problems.class.getName());

  private Problems() {}

  /** Every failure and every unknown path of {@code router} answered as problem+json. */
  public static void install(Router router) {
    router
        .route()
        .last()
        .handler(
            ctx ->
                send(
                    ctx,
                    new NotFoundException(
                        "no-such-route", "nothing is served at " + ctx.request().path())));
    router.route().failureHandler(ctx -> send(ctx, failureOf(ctx)));
  }

  private static Throwable failureOf(RoutingContext ctx) {
    if (ctx.failure() != null) {
      return ctx.failure();
    }
    // Vert.x Web's own failures (a body too large, a bad method) come as a bare status.
    return switch (ctx.statusCode()) {
      case 404 -> new NotFoundException("no-such-route", "nothing is served here");
      case 405 -> new BadInputException("method-not-allowed", "that method is not allowed here");
      case 413 ->
          new org.ipfeed.schema.error.TooLargeException(
              "body-too-large", "the request body is too large", -1);
      default -> new BadInputException("bad-request", "the request could not be read");
    };
  }

  /** Answers {@code failure} as problem+json, unless a response is already on its way. */
  public static void send(RoutingContext ctx, Throwable failure) {
    Problem problem = Problem.of(failure);
    if (problem.status() == 500) {
      LOG.log(Level.WARNING, "request " + ctx.request().path() + " failed", failure);
    }
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // The status is gone already (a streamed CAR): all that is left is to cut the stream, so
      // the client sees an incomplete body rather than a complete-looking one.
      ctx.request().connection().close();
      return;
    }
    String body = problem.toJson(ctx.request().path()).encode();
    response
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
        .putHeader("X-Content-Type-Options", "nosniff");
    response.headers().remove(HttpHeaders.CACHE_CONTROL).remove(HttpHeaders.ETAG);
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"ipfeed admin\"");
    }
    response.end(body);
  }
}
