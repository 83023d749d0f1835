package org.ipfeed.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests are labelled with the template of the route Vert.x would pick, never their path. */
class RouteTemplatesTest {

  static final Handler<RoutingContext> NOTHING = RoutingContext::next;
  static final String CID = "bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
  static final String DID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

  Vertx vertx;
  RouteTemplates templates;

  @BeforeEach
  void routes() {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(NOTHING);
    router.route(HttpMethod.GET, "/api/v1/authors/:did/export").handler(NOTHING);
    router.route(HttpMethod.GET, "/api/v1/authors/:did/feed").handler(NOTHING);
    router.route(HttpMethod.POST, "/api/v1/entries").handler(NOTHING);
    router.route(HttpMethod.GET, "/api/v1/entries/:cid").handler(NOTHING);
    router.route(HttpMethod.GET, "/api/v1/authors/:did").handler(NOTHING);
    router.route("/ipfs/*").handler(NOTHING);
    router.route(HttpMethod.GET, "/health").handler(NOTHING);
    router.route().last().handler(NOTHING);
    templates = RouteTemplates.of(router.getRoutes());
  }

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void parametersAreNamedNotValued() {
    assertThat(templates.match(HttpMethod.GET, "/api/v1/entries/" + CID))
        .isEqualTo("/api/v1/entries/:cid");
    assertThat(templates.match(HttpMethod.GET, "/api/v1/authors/" + DID))
        .isEqualTo("/api/v1/authors/:did");
    assertThat(templates.match(HttpMethod.GET, "/api/v1/authors/" + DID + "/feed"))
        .isEqualTo("/api/v1/authors/:did/feed");
  }

  @Test
  void theMethodMustFitToo() {
    assertThat(templates.match(HttpMethod.POST, "/api/v1/entries")).isEqualTo("/api/v1/entries");
    assertThat(templates.match(HttpMethod.GET, "/api/v1/entries"))
        .isEqualTo(RouteTemplates.UNMATCHED);
    assertThat(templates.match(HttpMethod.DELETE, "/api/v1/entries/" + CID))
        .isEqualTo(RouteTemplates.UNMATCHED);
  }

  @Test
  void aPrefixRouteCoversEverythingBelowIt() {
    assertThat(templates.match(HttpMethod.GET, "/ipfs/" + CID)).isEqualTo("/ipfs/*");
    assertThat(templates.match(HttpMethod.OPTIONS, "/ipfs/" + CID + "/a/b")).isEqualTo("/ipfs/*");
  }

  @Test
  void pathsNoRouteServesShareOneLabel() {
    assertThat(templates.match(HttpMethod.GET, "/wp-admin/" + CID))
        .isEqualTo(RouteTemplates.UNMATCHED);
    assertThat(templates.match(HttpMethod.GET, "/api/v1/entries/" + CID + "/more"))
        .isEqualTo(RouteTemplates.UNMATCHED);
    assertThat(templates.match(HttpMethod.GET, "/")).isEqualTo(RouteTemplates.UNMATCHED);
  }

  @Test
  void aTrailingSlashIsTheSamePath() {
    assertThat(templates.match(HttpMethod.GET, "/health/")).isEqualTo("/health");
  }
}
