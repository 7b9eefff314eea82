package dev.lakegate.server.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.lake.s3.S3ProxyExtension;
import dev.lakegate.server.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A standalone server whose S3 bucket does not exist answers the partner with the contract's JSON
 * 5xx, never a stack trace or the store's own error text.
 */
class S3LakeFailureTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final S3ProxyExtension S3 = S3ProxyExtension.withBucket("some-other-bucket");

  @RegisterExtension
  final TestServer server = TestServer.builder()
      .api(api -> api.targetBucketName("missing-bucket"))
      .standalone(standalone -> standalone.lake(S3.fixture().settings()))
      .build();

  @Test
  void missingBucketAnswersJson5xxWithoutDetail() throws Exception {
    HttpResponse<String> response = server.get("/prod/upload/multi_init", "Authorization", "Bearer " + server.accessToken());

    assertThat(response.statusCode()).isBetween(500, 599);
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("lake_error");
    assertThat(response.body()).doesNotContain("NoSuchBucket").doesNotContain("missing-bucket").doesNotContain("Exception");
  }
}
