package dev.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A loopback client outside {@code allowedCidrs} is refused before authentication on every path,
 * the token endpoint and health included, and a forged {@code X-Forwarded-For} changes nothing.
 */
class NetworkFilterOverHttpTest {
  @RegisterExtension
  final TestServer server = TestServer.builder().api(api -> api.allowedCidrs("10.0.0.0/8")).build();

  @Test
  void blocksUploadApiWith403BeforeAuthentication() {
    HttpResponse<String> response = server.get("/prod/upload/unipart?md5=x", "Authorization", "Bearer garbage");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  @Test
  void blocksTokenEndpoint() {
    HttpResponse<String> response = server.postToken("grant_type=client_credentials",
        "Authorization", TestServer.basic(server.credentials().clientId(), server.credentials().clientSecret().reveal()));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  @Test
  void blocksHealthAndUnknownPaths() {
    assertThat(server.get("/health/live").statusCode()).isEqualTo(403);
    assertThat(server.get("/no/such/path").statusCode()).isEqualTo(403);
  }

  @Test
  void logsOnlyTheFirewallLineWithCredentialsRedacted() {
    server.postToken("grant_type=client_credentials", "Authorization", TestServer.basic("some-id", "some-secret"), "Cookie", "session=abc");

    assertThat(server.logLines("firewall")).singleElement().satisfies(line -> assertThat(line)
        .contains("\"ip\":\"127.0.0.1\"", "\"httpMethod\":\"POST\"", "\"path\":\"/oauth2/token\"", "REDACTED")
        .doesNotContain("Basic ").doesNotContain("session=abc"));
    assertThat(server.logLines("access")).isEmpty();
    assertThat(server.logLines("auth")).isEmpty();
  }

  @Test
  void spoofedForwardedForFromUntrustedPeerChangesNothing() {
    HttpResponse<String> response = server.get("/health/live", "X-Forwarded-For", "10.1.2.3");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(server.logLines("firewall")).singleElement().satisfies(line -> assertThat(line).contains("\"ip\":\"127.0.0.1\""));
  }
}
