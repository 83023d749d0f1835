package org.ipfeed.gateway.metrics;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The route template a request falls under: the path of the first route, in the router's order,
 * whose method and path fit it, as Vert.x Web matches them. Routes without a path (handlers for
 * every request, failure handlers, routes made from a regular expression) name no template and are
 * skipped.
 *
 * <p>Templates are what Gateway registered: {@code /api/v1/entries/:cid} for a path with
 * parameters, {@code /ipfs/*} for a prefix. A request no route fits is {@link #UNMATCHED}.
 */
final class RouteTemplates {

  static final String UNMATCHED = "unmatched";

  private final List<Template> templates;

  /**
   * One route: its label, the methods it takes (none: any), and either its path split into segments
   * or, for a prefix route, the prefix.
   */
  private record Template(String label, Set<HttpMethod> methods, String[] segments, String prefix) {

    boolean fits(HttpMethod method, String path, String[] pathSegments) {
      if (!methods.isEmpty() && !methods.contains(method)) {
        return false;
      }
      if (prefix != null) {
        // As Vert.x Web: "/ipfs/*" covers "/ipfs/…" and "/ipfs" itself.
        return path.startsWith(prefix)
            || (prefix.endsWith("/") && path.equals(prefix.substring(0, prefix.length() - 1)));
      }
      if (pathSegments.length != segments.length) {
        return false;
      }
      for (int i = 0; i < segments.length; i++) {
        boolean param = segments[i].startsWith(":") && !pathSegments[i].isEmpty();
        if (!param && !segments[i].equals(pathSegments[i])) {
          return false;
        }
      }
      return true;
    }
  }

  private RouteTemplates(List<Template> templates) {
    this.templates = templates;
  }

  /** The templates of {@code routes}, kept in their order (Router#getRoutes gives that order). */
  static RouteTemplates of(List<Route> routes) {
    List<Template> templates = new ArrayList<>();
    for (Route route : routes) {
      // A route with parameters is a regular expression to Vert.x too, but keeps its path; a
      // route made from a regular expression has none.
      String path = route.getPath();
      if (path == null) {
        continue;
      }
      Set<HttpMethod> methods = route.methods() == null ? Set.of() : Set.copyOf(route.methods());
      if (route.isExactPath()) {
        templates.add(new Template(path, methods, split(path), null));
      } else {
        // Vert.x keeps "/ipfs/*" as the prefix "/ipfs/".
        templates.add(new Template(path + "*", methods, null, path));
      }
    }
    return new RouteTemplates(List.copyOf(templates));
  }

  /** The template of a request for {@code path} (normalized, as the router sees it). */
  String match(HttpMethod method, String path) {
    String[] segments = split(path);
    for (Template t : templates) {
      if (t.fits(method, path, segments)) {
        return t.label();
      }
    }
    return UNMATCHED;
  }

  /** "/a/b/" and "/a/b" are the same path to the router: a trailing slash is dropped. */
  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }
}
