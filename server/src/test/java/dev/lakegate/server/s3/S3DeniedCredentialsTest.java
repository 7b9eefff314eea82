package dev.lakegate.server.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.lake.s3.S3ProxyExtension;
import dev.lakegate.lake.s3.S3ProxyFixture;
import dev.lakegate.server.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A standalone server whose S3 credentials the store refuses answers the partner with the
 * contract's JSON 5xx; neither the store's error nor any part of the secret reaches the caller.
 */
class S3DeniedCredentialsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final S3ProxyExtension S3 = S3ProxyExtension.refusingExportedCredentials("landing", "a-secret-the-server-does-not-have");

  @RegisterExtension
  final TestServer server = TestServer.builder()
      .api(api -> api.targetBucketName("landing"))
      .standalone(standalone -> standalone.lake(S3.fixture().settings()))
      .build();

  @Test
  void deniedCredentialsAnswerJson5xxWithoutDetail() throws Exception {
    HttpResponse<String> response = server.get("/prod/upload/multi_init", "Authorization", "Bearer " + server.accessToken());

    assertThat(response.statusCode()).isBetween(500, 599);
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("lake_error");
    assertThat(response.body())
        .doesNotContain("SignatureDoesNotMatch").doesNotContain(S3ProxyFixture.SECRET_KEY).doesNotContain("Exception");
  }
}
