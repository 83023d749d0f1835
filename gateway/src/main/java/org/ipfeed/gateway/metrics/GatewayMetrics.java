package org.ipfeed.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.ipfeed.gateway.http.Problem;
import org.ipfeed.gateway.ingest.Ingest;

/**
 * One node's meters and their Prometheus exposition:
 *
 * <ul>
 *   <li>{@code ipfeed_http_requests_seconds} (histogram: {@code _bucket}, {@code _count}, {@code
 *       _sum}, and {@code _max}) by {@code route} template, {@code method} and {@code status}
 *       class; its {@code _count} is the request counter;
 *   <li>{@code ipfeed_ingest_accepted_total} by {@code outcome}, {@code created} or {@code
 *       already-stored};
 *   <li>{@code ipfeed_ingest_rejected_total} by {@code reason}, the problem reason the client got;
 *   <li>{@code ipfeed_index_lag_entries} and {@code ipfeed_index_lag_seconds}: stored entries not
 *       yet in the index, and how long the oldest of them has waited.
 * </ul>
 *
 * Each gateway has its own registry, so two nodes in one JVM (as in tests) never mix counts.
 */
public final class GatewayMetrics implements Ingest.Outcomes {

  /** The Prometheus text exposition format, version 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * Fixed latency buckets, from a cached block (about a millisecond) to a large CAR or import: a
   * dozen series per route rather than Micrometer's default of about seventy.
   */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
  };

  /** The status label of a request whose response never ended. */
  static final String ABORTED = "aborted";

  private static final Set<HttpMethod> KNOWN_METHODS =
      Set.of(
          HttpMethod.GET,
          HttpMethod.HEAD,
          HttpMethod.POST,
          HttpMethod.PUT,
          HttpMethod.DELETE,
          HttpMethod.OPTIONS,
          HttpMethod.PATCH);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<RequestKey, Timer> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
  private final Counter created;
  private final Counter alreadyStored;

  /** The labels of one request series. */
  private record RequestKey(String route, String method, String status) {}

  /**
   * @param indexBacklog entries stored but not yet in the index
   * @param indexLag how long the oldest of them has waited
   */
  public GatewayMetrics(IntSupplier indexBacklog, Supplier<Duration> indexLag) {
    created = accepted("created");
    alreadyStored = accepted("already-stored");
    Gauge.builder("ipfeed.index.lag.entries", indexBacklog, IntSupplier::getAsInt)
        .description("Entries stored but not yet applied to the index")
        .strongReference(true)
        .register(registry);
    Gauge.builder("ipfeed.index.lag", indexLag, lag -> lag.get().toNanos() / 1e9)
        .description("How long the oldest entry not yet in the index has waited")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  private Counter accepted(String outcome) {
    return Counter.builder("ipfeed.ingest.accepted")
        .description("Entries accepted by ingest: newly stored, or already stored")
        .tag("outcome", outcome)
        .register(registry);
  }

  /**
   * The handler that times every request of {@code router}; install it as the router's first route,
   * so that it sees requests whichever route, or failure handler, answers them.
   */
  public Handler<RoutingContext> timing(Router router) {
    return new Handler<>() {
      // Taken at the first request, when every route is in place; racing event loops build the
      // same value, so publishing it through a volatile field is enough.
      private volatile RouteTemplates templates;

      @Override
      public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        RouteTemplates t = templates;
        if (t == null) {
          t = RouteTemplates.of(router.getRoutes());
          templates = t;
        }
        HttpMethod method = ctx.request().method();
        String route = t.match(method, ctx.normalizedPath());
        ctx.addEndHandler(
            over -> {
              // Whether the response ended, not whether this handler was told of a failure: over
              // HTTP/2, Vert.x Web 5.0.7 reports "Connection closed" for a stream that closed
              // because its response had just ended. A response that never ended (a CAR stream
              // cut short, a client gone) is "aborted".
              String status =
                  ctx.response().ended() ? statusClass(ctx.response().getStatusCode()) : ABORTED;
              record(route, method, status, System.nanoTime() - start);
            });
        ctx.next();
      }
    };
  }

  private void record(String route, HttpMethod method, String status, long nanos) {
    String m = KNOWN_METHODS.contains(method) ? method.name() : "OTHER";
    requests
        .computeIfAbsent(
            new RequestKey(route, m, status),
            key ->
                Timer.builder("ipfeed.http.requests")
                    .description("HTTP requests by route template, method and status class")
                    .tag("route", key.route())
                    .tag("method", key.method())
                    .tag("status", key.status())
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  static String statusClass(int status) {
    return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
  }

  @Override
  public void accepted(Ingest.Accepted accepted) {
    (accepted.created() ? created : alreadyStored).increment();
  }

  @Override
  public void rejected(Throwable failure) {
    // The same reason the problem document carries: one vocabulary for clients and operators.
    String reason = Problem.of(failure).reason();
    rejections
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("ipfeed.ingest.rejected")
                    .description("Entries refused by ingest, by the problem reason sent back")
                    .tag("reason", r)
                    .register(registry))
        .increment();
  }

  /**
   * {@code GET /metrics}. Scraping calls the gauges, which read the index feeder's queue, so it
   * runs on a worker.
   */
  public Handler<RoutingContext> exposition(Vertx vertx) {
    return ctx ->
        vertx
            .executeBlocking(this::scrape, false)
            .onFailure(ctx::fail)
            .onSuccess(
                text ->
                    ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(text));
  }

  /** The exposition in the text format, version 0.0.4. */
  String scrape() {
    return registry.scrape();
  }
}
