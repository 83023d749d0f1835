package org.ipfeed.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.error.ConflictException;
import org.ipfeed.schema.error.IpfeedException;
import org.ipfeed.schema.error.NotFoundException;
import org.ipfeed.schema.error.UpstreamException;

/**
 * The client commands' view of a gateway: JSON over HTTP, and problem documents turned back into
 * ipfeed's error vocabulary so the command line reports them like any other error.
 */
public final class GatewayClient {

  /** Where a client command looks when no {@code --gateway} is given. */
  public static final String DEFAULT_URL = "http://127.0.0.1:8080";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public GatewayClient(URI base) {
    this.base = base;
  }

  public JsonNode get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(resolve(path)).GET());
  }

  /**
   * Copies the body of a successful GET into {@code out} as it arrives, for answers too large to
   * hold, such as an account's CAR. A body the gateway breaks off is an {@code UpstreamException}
   * ({@code download-cut-off}); what reached {@code out} by then is incomplete.
   */
  public void download(String path, OutputStream out) throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        call(
            HttpRequest.newBuilder(resolve(path)).GET(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() / 100 != 2) {
        throw problem(response.statusCode(), body.readAllBytes());
      }
      try {
        body.transferTo(out);
      } catch (IOException e) {
        throw new UpstreamException(
            "download-cut-off", "the gateway broke off " + path + " before its end", e);
      }
    }
  }

  public JsonNode post(String path, byte[] body, String contentType)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(resolve(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private URI resolve(String path) {
    String b = base.toString();
    return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return JSON.readTree(exchange(request));
  }

  private byte[] exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = call(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 == 2) {
      return response.body();
    }
    throw problem(response.statusCode(), response.body());
  }

  private <T> HttpResponse<T> call(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    try {
      return http.send(request.timeout(Duration.ofSeconds(300)).build(), body);
    } catch (java.net.ConnectException e) {
      throw new UpstreamException(
          "gateway-unreachable", "cannot reach the gateway at " + base + " (is it running?)", e);
    }
  }

  private static IpfeedException problem(int status, byte[] body) {
    String reason = "http-" + status;
    String detail = "the gateway answered HTTP " + status;
    try {
      JsonNode p = JSON.readTree(body);
      if (p.hasNonNull("reason") && p.get("reason").asText().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
        reason = p.get("reason").asText();
      }
      if (p.hasNonNull("detail")) {
        detail = p.get("detail").asText();
      }
    } catch (IOException notJson) {
      // Keep the status line as the message.
    }
    return switch (status) {
      case 404 -> new NotFoundException(reason, detail);
      case 409 -> new ConflictException(reason, detail);
      default ->
          status >= 500
              ? new UpstreamException(reason, "the gateway failed: " + detail)
              : new BadInputException(reason, detail);
    };
  }
}
