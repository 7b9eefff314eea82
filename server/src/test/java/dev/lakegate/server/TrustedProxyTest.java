package dev.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Behind a configured trusted proxy (here the loopback peer), the client address is taken from its {@code X-Forwarded-For}. */
class TrustedProxyTest {
  @RegisterExtension
  final TestServer server = TestServer.builder()
      .api(api -> api.allowedCidrs("10.0.0.0/8").eventMetadataMapping("source_ip", "requestContext.identity.sourceIp"))
      .standalone(s -> s.trustedProxies("127.0.0.1/32").protectTokenEndpoint(false))
      .build();

  @Test
  void honoursForwardedForOfTrustedProxy() throws IOException {
    HttpResponse<String> response = server.get("/prod/upload/unipart?md5=" + UploadFlowTest.encode("XrY7u+Ae7tCTyyK7j1rNww=="),
        "Authorization", server.accessToken(), "X-Forwarded-For", "10.20.30.40");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String uuid = new ObjectMapper().readTree(response.body()).get("uuid").asText();
    assertThat(new ObjectMapper().readTree(server.bucketDir().resolve("incoming").resolve(uuid + ".metadata.json").toFile())
        .get("source_ip").asText()).isEqualTo("10.20.30.40");
    server.stop();
    assertThat(server.logLines("access")).anySatisfy(line -> assertThat(line).contains("\"ip\":\"10.20.30.40\"", "/prod/upload/unipart"));
  }

  @Test
  void blocksWhenRightmostUntrustedAddressIsOutside() {
    HttpResponse<String> response = server.get("/health/live", "X-Forwarded-For", "10.20.30.40, 198.51.100.7");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(server.logLines("firewall")).singleElement().satisfies(line -> assertThat(line).contains("\"ip\":\"198.51.100.7\""));
  }

  @Test
  void tokenEndpointLeftOpenWhenNotProtected() {
    assertThat(server.postToken("grant_type=client_credentials").statusCode()).isEqualTo(401);
  }
}
