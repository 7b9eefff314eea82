package dev.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.core.config.StandaloneConfig;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bounds a hostile client cannot exceed ({@code standalone.limits}), each on both sides of the
 * limit, answered in the edge's JSON error shape.
 */
class LimitsTest {
  private static final int MAX_TOKEN_BODY = 1024;
  private static final int MAX_HEADER = 8 * 1024;

  @RegisterExtension
  final TestServer server = TestServer.builder()
      .standalone(s -> s.limits(new StandaloneConfig.Limits(MAX_HEADER, MAX_TOKEN_BODY, Duration.ofSeconds(30), 64)))
      .build();

  @Test
  void headersOverTheLimitGet431InJson() {
    HttpResponse<String> response = server.get("/health/live", "X-Padding", "a".repeat(MAX_HEADER + 1));

    assertThat(response.statusCode()).isEqualTo(431);
    assertThat(response.body()).isEqualTo("{\"message\":\"Request Header Fields Too Large\"}");
  }

  @Test
  void headersUnderTheLimitPass() {
    assertThat(server.get("/health/live", "X-Padding", "a".repeat(MAX_HEADER - 1024)).statusCode()).isEqualTo(200);
  }

  @Test
  void tokenBodyOneByteOverTheLimitGets413() {
    HttpResponse<String> response = server.postToken(form(MAX_TOKEN_BODY + 1));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
  }

  @Test
  void tokenBodyOfExactlyTheLimitIsRead() {
    HttpResponse<String> response = server.postToken(form(MAX_TOKEN_BODY));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_client\"}");
  }

  @Test
  void chunkedTokenBodyOverTheLimitGets413() {
    byte[] body = form(MAX_TOKEN_BODY * 4).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
        .build());

    assertThat(response.statusCode()).isEqualTo(413);
  }

  /** A well-formed grant request without client authentication, padded to {@code length} bytes. */
  private static String form(int length) {
    String start = "grant_type=client_credentials&pad=";
    return start + "x".repeat(length - start.length());
  }
}
