package dev.lakegate.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * A partner system speaking the wire protocol of {@code contract.md} §2 and §4 with nothing but
 * {@code java.net.http}: what the tests of whole deployments drive.
 */
final class Partner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private final String stage;
  private String token = "";

  Partner(HttpClient http, URI base, String stage) {
    this.http = http;
    this.base = base;
    this.stage = stage;
  }

  /** Fetches an access token with HTTP Basic client authentication. */
  void authenticate(String clientId, String clientSecret) throws IOException, InterruptedException {
    String basic = Base64.getEncoder().encodeToString(
        (URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(base.resolve("/oauth2/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("token request answered " + response.statusCode() + ": " + response.body());
    }
    token = JSON.readTree(response.body()).get("access_token").asText();
  }

  /** Calls an operation of the upload API and returns its JSON answer; fails unless 200. */
  JsonNode call(String operationAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(base.resolve("/" + stage + "/upload/" + operationAndQuery))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(operationAndQuery + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** PUTs a body of known length to a presigned URL with its Content-MD5; returns the status. */
  int put(String url, String contentMd5, long length, Supplier<InputStream> body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .header("Content-MD5", contentMd5)
        .timeout(Duration.ofMinutes(10))
        .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), length))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
