package org.ipfeed.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's follow list, behind the admin token. */
class AdminApiTest {

  static final String TOKEN = "a-long-enough-admin-token";

  @TempDir Path dir;
  final SigningAuthor alice = new SigningAuthor(1);
  final SigningAuthor bob = new SigningAuthor(2);

  static HttpResponse<byte[]> admin(GatewayHarness n, String method, String path, String token) {
    return token == null
        ? n.send(method, path)
        : n.send(method, path, "Authorization", "Bearer " + token);
  }

  static JsonObject json(HttpResponse<byte[]> r) {
    return new JsonObject(new String(r.body(), StandardCharsets.UTF_8));
  }

  @Test
  void withoutTheRightTokenNothingChangesAndTheAnswerIs401() {
    try (GatewayHarness n =
            new GatewayHarness(dir.resolve("n"), c -> c.withAdminToken(Optional.of(TOKEN)));
        GatewayHarness off = new GatewayHarness(dir.resolve("off"), c -> c)) {
      String path = "/api/v1/admin/follows/" + alice.key.did();

      HttpResponse<byte[]> none = admin(n, "PUT", path, null);
      HttpResponse<byte[]> wrong = admin(n, "PUT", path, TOKEN + "x");
      HttpResponse<byte[]> disabled = admin(off, "PUT", path, TOKEN);

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("www-authenticate"))
          .hasValue("Bearer realm=\"ipfeed admin\"");
      assertThat(json(none).getString("reason")).isEqualTo("unauthorized");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(json(disabled).getString("reason")).isEqualTo("admin-disabled");
      assertThat(json(admin(n, "GET", "/api/v1/admin/follows", TOKEN)).getJsonArray("following"))
          .isEmpty();
    }
  }

  @Test
  void anAddedAuthorIsFollowedAtOnceAndAfterARestart() {
    try (GatewayHarness a = new GatewayHarness(dir.resolve("a"), c -> c)) {
      FollowPeersTest.publish(a, alice.post("followed by an operator"));
      UnaryOperator<GatewayConfig> tweak =
          c ->
              c.withPeers(List.of(FollowPeersTest.base(a)))
                  .withPollEvery(FollowPeersTest.NO_POLLING)
                  .withFollow(Set.of(bob.key.did()))
                  .withAdminToken(Optional.of(TOKEN));
      try (GatewayHarness b = new GatewayHarness(dir.resolve("b"), tweak)) {
        assertThat(admin(b, "PUT", "/api/v1/admin/follows/" + alice.key.did(), TOKEN).statusCode())
            .isEqualTo(204);
        FollowPeersTest.until(
            b,
            "/api/v1/authors/" + alice.key.did(),
            FollowPeersTest.headAt(1),
            Duration.ofSeconds(5));
        HttpResponse<byte[]> removeConfigured =
            admin(b, "DELETE", "/api/v1/admin/follows/" + bob.key.did(), TOKEN);
        assertThat(removeConfigured.statusCode()).isEqualTo(409);
        assertThat(admin(b, "PUT", "/api/v1/admin/follows/did:key:zzz", TOKEN).statusCode())
            .isEqualTo(400);
      }
      try (GatewayHarness b = new GatewayHarness(dir.resolve("b"), tweak)) {
        JsonObject list = json(admin(b, "GET", "/api/v1/admin/follows", TOKEN));
        assertThat(list.getJsonArray("added").getList())
            .containsExactly(alice.key.did().toString());
        assertThat(list.getJsonArray("configured").getList())
            .containsExactly(bob.key.did().toString());
        assertThat(
                admin(b, "DELETE", "/api/v1/admin/follows/" + alice.key.did(), TOKEN).statusCode())
            .isEqualTo(204);
        assertThat(
                admin(b, "DELETE", "/api/v1/admin/follows/" + alice.key.did(), TOKEN).statusCode())
            .isEqualTo(404);
        assertThat(json(admin(b, "GET", "/api/v1/admin/follows", TOKEN)).getJsonArray("added"))
            .isEmpty();
      }
    }
  }
}
