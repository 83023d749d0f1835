package org.ipfeed.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipfeed.gateway.IpfsBlockResponseTest.header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/openapi.yaml} describes every route the router serves, with its method: a
 * route added without documentation fails here. Paths only the document has are allowed (a route
 * documented before it is wired).
 */
class OpenApiTest {

  @TempDir static Path dir;
  static GatewayHarness gw;
  static JsonNode spec;

  @BeforeAll
  static void start() throws IOException {
    gw = new GatewayHarness(dir);
    HttpResponse<byte[]> r = gw.get("/api/v1/openapi.yaml");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "content-type")).isEqualTo("application/yaml");
    spec = new ObjectMapper(new YAMLFactory()).readTree(r.body());
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void itIsOpenApi31() {
    assertThat(spec.path("openapi").asText()).startsWith("3.1.");
    assertThat(spec.path("info").path("title").asText()).isNotBlank();
  }

  @Test
  void everyRouteOfTheRouterIsDocumentedWithItsMethod() {
    List<Route> routes = gw.gateway.routes();

    assertThat(routes).extracting(Route::getPath).contains("/api/v1/openapi.yaml", "/metrics");
    assertThat(undocumented(routes, spec.path("paths"))).isEmpty();
  }

  @Test
  void anUndocumentedRouteIsFound() {
    Router router = Router.router(gw.vertx);
    router.route(HttpMethod.GET, "/api/v1/entries/:cid").handler(ctx -> ctx.end());
    router.route(HttpMethod.DELETE, "/api/v1/entries/:cid").handler(ctx -> ctx.end());
    router.route(HttpMethod.GET, "/api/v1/undocumented/:thing").handler(ctx -> ctx.end());
    router.route("/elsewhere/*").handler(ctx -> ctx.end());

    assertThat(undocumented(router.getRoutes(), spec.path("paths")))
        .containsExactly(
            "DELETE /api/v1/entries/{cid}", "GET /api/v1/undocumented/{thing}", "* /elsewhere/*");
  }

  @Test
  void everyReferenceResolves() {
    List<String> broken = new ArrayList<>();
    collectBrokenRefs(spec, broken);

    assertThat(broken).isEmpty();
  }

  /**
   * The routes {@code paths} does not describe, as "METHOD path". A route with parameters ({@code
   * :cid}) is looked up as the OpenAPI template ({@code {cid}}); a prefix route ({@code /ipfs/*})
   * is covered by any documented path below the prefix; a route for every method (CORS, say) by the
   * path alone. Routes without a path (handlers of every request) are not routes of the API.
   */
  static List<String> undocumented(List<Route> routes, JsonNode paths) {
    List<String> missing = new ArrayList<>();
    for (Route route : routes) {
      String path = route.getPath();
      if (path == null) {
        continue;
      }
      Set<HttpMethod> methods = route.methods() == null ? Set.of() : route.methods();
      if (!route.isExactPath()) {
        boolean covered = false;
        for (Map.Entry<String, JsonNode> p : paths.properties()) {
          if (p.getKey().startsWith(path) && hasAll(p.getValue(), methods)) {
            covered = true;
          }
        }
        if (!covered) {
          missing.add(label(methods) + " " + path + "*");
        }
        continue;
      }
      String template = path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      JsonNode item = paths.path(template);
      if (methods.isEmpty()) {
        if (item.isMissingNode()) {
          missing.add("* " + template);
        }
        continue;
      }
      for (HttpMethod m : methods) {
        if (!item.has(m.name().toLowerCase(Locale.ROOT))) {
          missing.add(m.name() + " " + template);
        }
      }
    }
    return missing;
  }

  private static boolean hasAll(JsonNode item, Set<HttpMethod> methods) {
    return methods.stream().allMatch(m -> item.has(m.name().toLowerCase(Locale.ROOT)));
  }

  private static String label(Set<HttpMethod> methods) {
    return methods.isEmpty()
        ? "*"
        : String.join(",", methods.stream().map(HttpMethod::name).sorted().toList());
  }

  private static void collectBrokenRefs(JsonNode node, List<String> broken) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && spec.at(ref.asText().substring(1)).isMissingNode()) {
        broken.add(ref.asText());
      }
      node.elements().forEachRemaining(child -> collectBrokenRefs(child, broken));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectBrokenRefs(child, broken));
    }
  }
}
