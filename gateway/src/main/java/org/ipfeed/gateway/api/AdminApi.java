package org.ipfeed.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.ipfeed.gateway.follow.FollowSet;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.UnauthorizedException;
import org.ipfeed.schema.identity.Did;

/**
 * The operator's API, behind the node's admin token ({@code Authorization: Bearer TOKEN}): the
 * authors this node follows beyond what its users follow.
 *
 * <ul>
 *   <li>{@code GET /api/v1/admin/follows}: {@code configured} (flags, environment, file), {@code
 *       added} (through this API), {@code following} (the whole follow set now).
 *   <li>{@code PUT /api/v1/admin/follows/{did}}: follow that author from now on (204); their log is
 *       fetched from the peers at once.
 *   <li>{@code DELETE /api/v1/admin/follows/{did}}: stop (204); 404 if it was not added here, 409
 *       if it comes from the configuration, which only a restart changes.
 * </ul>
 *
 * <p>Added authors are kept in {@code admin-follows.txt} in the data directory. Without an admin
 * token the API answers 401 {@code admin-disabled}: an open admin API on a public node would let
 * anyone make it fetch and store whatever they like.
 */
public final class AdminApi {

  static final String FILE = "admin-follows.txt";

  private final Vertx vertx;
  private final Optional<byte[]> token;
  private final FollowSet followSet;
  private final Consumer<Did> followed;
  private final Path file;

  public AdminApi(
      Vertx vertx,
      Optional<String> token,
      FollowSet followSet,
      Consumer<Did> followed,
      Path dataDir) {
    this.vertx = vertx;
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.followSet = followSet;
    this.followed = followed;
    this.file = dataDir.resolve(FILE);
  }

  /** The authors added in earlier runs (blocking: read it before the servers start). */
  public static Set<Did> saved(Path dataDir) throws java.io.IOException {
    Path file = dataDir.resolve(FILE);
    Set<Did> out = new java.util.HashSet<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(Did.parse(line.strip()));
        }
      }
    }
    return out;
  }

  /** Lets the request through only with the right token; first handler of every admin route. */
  public void authorize(RoutingContext ctx) {
    if (token.isEmpty()) {
      throw new UnauthorizedException(
          "admin-disabled", "this node has no admin token (start it with --admin-token)");
    }
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    byte[] given =
        header != null && header.startsWith("Bearer ")
            ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    // Constant time, so the answer's timing does not give the token away a byte at a time.
    if (!MessageDigest.isEqual(given, token.get())) {
      throw new UnauthorizedException(
          "unauthorized", "the admin API needs 'Authorization: Bearer <admin token>'");
    }
    ctx.next();
  }

  public void list(RoutingContext ctx) {
    JsonObject body =
        new JsonObject()
            .put("configured", sorted(followSet.configured()))
            .put("added", sorted(followSet.added()))
            .put("following", sorted(followSet.all()));
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }

  public void add(RoutingContext ctx) {
    Did did = did(ctx);
    if (followSet.add(did)) {
      followed.accept(did);
    }
    save().onFailure(ctx::fail).onSuccess(v -> ctx.response().setStatusCode(204).end());
  }

  public void remove(RoutingContext ctx) {
    Did did = did(ctx);
    if (followSet.configured().contains(did) && !followSet.added().contains(did)) {
      throw new ConflictException(
          "configured-follow",
          did + " is followed by the node's configuration; change it and restart to stop");
    }
    if (!followSet.remove(did)) {
      throw new NotFoundException("not-followed", did + " was not added through the admin API");
    }
    save().onFailure(ctx::fail).onSuccess(v -> ctx.response().setStatusCode(204).end());
  }

  /** The path's DID; a malformed one is {@code invalid-did} (400) from {@link Did#parse}. */
  private static Did did(RoutingContext ctx) {
    return Did.parse(ctx.pathParam("did"));
  }

  private Future<Void> save() {
    Set<Did> added = followSet.added();
    return vertx.executeBlocking(
        () -> {
          synchronized (this) {
            StringBuilder out = new StringBuilder();
            new TreeSet<>(added.stream().map(Did::toString).toList())
                .forEach(d -> out.append(d).append('\n'));
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            Files.move(
                tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          }
          return null;
        },
        false);
  }

  private static JsonArray sorted(Set<Did> dids) {
    return new JsonArray(
        new TreeSet<>(dids.stream().map(Did::toString).toList()).stream().toList());
  }
}
