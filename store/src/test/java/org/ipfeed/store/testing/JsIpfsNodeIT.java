package org.ipfeed.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness itself: a private node starts, stops and comes back with the same identity. */
class JsIpfsNodeIT {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void sharedNodeAnswers() throws Exception {
    assertThat(id(JsIpfsNode.shared().apiUrl())).contains("\"ID\"");
  }

  @Test
  void privateNodeStopsAndRestartsWithItsIdentity() throws Exception {
    try (JsIpfsNode node = JsIpfsNode.startPrivate()) {
      assertThat(node.ownsProcess()).isTrue();
      String before = id(node.apiUrl());

      node.stop();
      assertThatThrownBy(() -> id(node.apiUrl())).isInstanceOf(IOException.class);
      node.stop(); // stopping a stopped node is fine

      node.restart();
      assertThat(id(node.apiUrl())).isEqualTo(before);
    }
  }

  private String id(URI api) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(api.resolve("/api/v0/id"))
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
