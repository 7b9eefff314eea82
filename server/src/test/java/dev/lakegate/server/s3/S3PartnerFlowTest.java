package dev.lakegate.server.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.lake.s3.S3ProxyExtension;
import dev.lakegate.server.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The partner's whole journey through the standalone server with {@code standalone.lake.s3} on a
 * real S3-compatible server: token, presigned URLs that point at S3, uploads straight to S3, and
 * the bytes and metadata read back through the AWS SDK. Lake failures answer as JSON 5xx.
 */
class S3PartnerFlowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient PARTNER = HttpClient.newHttpClient();

  @RegisterExtension
  static final S3ProxyExtension S3 = S3ProxyExtension.withBucket("landing");

  @RegisterExtension
  final TestServer server = TestServer.builder()
      .api(api -> api.targetBucketName("landing")
          .eventMetadataMapping("client", "requestContext.authorizer.claims.client_id")
          .eventMetadataMapping("agent", "headers.user-agent"))
      .standalone(standalone -> standalone.lake(S3.fixture().settings()))
      .build();

  @Test
  void unipartUrlPointsAtS3AndTheUploadLandsThereWithItsMetadata() throws Exception {
    String auth = "Bearer " + server.accessToken();
    byte[] content = "hello, S3 lake\n".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> presign = server.get("/prod/upload/unipart?md5=" + encode(md5(content)), "Authorization", auth, "User-Agent", "s3-flow/1");
    assertThat(presign.statusCode()).as(presign.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(presign.body());
    String uuid = body.get("uuid").asText();
    assertThat(body.get("url").asText()).startsWith(S3.fixture().endpoint() + "/landing/" + server.config().api().targetPrefix() + "/" + uuid + "?");

    assertThat(put(body.get("url").asText(), content, md5(content))).isEqualTo(200);

    String prefix = server.config().api().targetPrefix();
    assertThat(S3.fixture().read(prefix + "/" + uuid)).hasValue(content);
    JsonNode metadata = JSON.readTree(S3.fixture().read(server.config().api().metadataTargetPrefix() + "/" + uuid + ".metadata.json").orElseThrow());
    assertThat(metadata.get("client").asText()).isEqualTo(server.credentials().clientId());
    assertThat(metadata.get("agent").asText()).isEqualTo("s3-flow/1");
  }

  @Test
  void multipartOfThreePartsIsCompletedInS3WithEtagDashThree() throws Exception {
    String auth = "Bearer " + server.accessToken();
    JsonNode init = JSON.readTree(server.get("/prod/upload/multi_init", "Authorization", auth).body());
    String uuid = init.get("uuid").asText();
    String uploadId = init.get("upload_id").asText();
    byte[][] parts = {filled(5 * 1024 * 1024, 'a'), filled(5 * 1024 * 1024, 'b'), filled(777, 'c')};

    for (int i = 0; i < parts.length; i++) {
      HttpResponse<String> presign = server.get("/prod/upload/multi_upload?md5=" + encode(md5(parts[i])) + "&uuid=" + uuid
          + "&part_num=" + (i + 1) + "&upload_id=" + encode(uploadId), "Authorization", auth);
      assertThat(presign.statusCode()).as(presign.body()).isEqualTo(200);
      assertThat(put(JSON.readTree(presign.body()).get("url").asText(), parts[i], md5(parts[i]))).isEqualTo(200);
    }
    HttpResponse<String> complete = server.get("/prod/upload/multi_complete?uuid=" + uuid + "&upload_id=" + encode(uploadId), "Authorization", auth);

    assertThat(complete.statusCode()).as(complete.body()).isEqualTo(200);
    JsonNode done = JSON.readTree(complete.body());
    assertThat(done.get("parts").asInt()).isEqualTo(3);
    assertThat(done.get("etag").asText()).matches("\"?[0-9a-f]{32}-3\"?");
    byte[] whole = S3.fixture().read(server.config().api().targetPrefix() + "/" + uuid).orElseThrow();
    assertThat(whole).hasSize(10 * 1024 * 1024 + 777);
    assertThat(Arrays.copyOfRange(whole, 5 * 1024 * 1024, 10 * 1024 * 1024)).isEqualTo(parts[1]);
    JsonNode metadata = JSON.readTree(S3.fixture().read(server.config().api().metadataTargetPrefix() + "/" + uuid + ".metadata.json").orElseThrow());
    assertThat(metadata.get("upload_id").asText()).isEqualTo(uploadId);
  }

  @Test
  void unknownUploadIdAndCompletionWithNoPartsAreClear4xx() throws Exception {
    String auth = "Bearer " + server.accessToken();
    JsonNode init = JSON.readTree(server.get("/prod/upload/multi_init", "Authorization", auth).body());
    String uuid = init.get("uuid").asText();

    HttpResponse<String> unknown = server.get("/prod/upload/multi_complete?uuid=" + uuid + "&upload_id=not-this-one", "Authorization", auth);
    HttpResponse<String> empty = server.get(
        "/prod/upload/multi_complete?uuid=" + uuid + "&upload_id=" + encode(init.get("upload_id").asText()), "Authorization", auth);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("unknown_upload");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(empty.body()).get("error").asText()).isEqualTo("no_parts");
  }

  private static int put(String url, byte[] content, String contentMd5) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .header("Content-MD5", contentMd5)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
        .build();
    return PARTNER.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static String md5(byte[] content) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static byte[] filled(int size, char c) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) c);
    return bytes;
  }
}
