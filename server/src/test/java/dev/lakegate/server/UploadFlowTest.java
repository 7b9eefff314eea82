package dev.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The partner's whole journey over HTTPS ({@code contract.md} §4–§6): token, presign, PUT, files on disk. */
class UploadFlowTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  final TestServer server = TestServer.builder()
      .api(api -> api.eventMetadataMapping("client", "requestContext.authorizer.claims.client_id")
          .eventMetadataMapping("source_ip", "requestContext.identity.sourceIp")
          .eventMetadataMapping("agent", "headers.user-agent")
          .eventMetadataMapping("time", "requestContext.requestTime")
          .eventMetadataMapping("stage", "requestContext.stage")
          .eventMetadataMapping("operation", "pathParameters.proxy")
          .eventMetadataMapping("resource", "resource"))
      .build();

  @Test
  void unipartUploadLandsWholeWithItsMetadata() throws IOException {
    String token = server.accessToken();
    byte[] content = "hello, lake\n".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> presign = server.get("/prod/upload/unipart?md5=" + encode(md5(content)), "Authorization", "Bearer " + token, "User-Agent", "flow-test/1");
    assertThat(presign.statusCode()).as(presign.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(presign.body());
    String uuid = body.get("uuid").asText();
    URI url = URI.create(body.get("url").asText());
    assertThat(url.toString()).startsWith(server.baseUrl() + "/landing/incoming/" + uuid + "?");

    HttpResponse<String> put = put(url, content, md5(content));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(put.headers().firstValue("ETag")).hasValue("\"" + hex(content) + "\"");

    assertThat(Files.readAllBytes(server.bucketDir().resolve("incoming").resolve(uuid))).isEqualTo(content);
    JsonNode metadata = JSON.readTree(server.bucketDir().resolve("incoming").resolve(uuid + ".metadata.json").toFile());
    assertThat(metadata.get("client").asText()).isEqualTo(server.credentials().clientId());
    assertThat(metadata.get("source_ip").asText()).isEqualTo("127.0.0.1");
    assertThat(metadata.get("agent").asText()).isEqualTo("flow-test/1");
    assertThat(metadata.get("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
    assertThat(metadata.get("stage").asText()).isEqualTo("prod");
    assertThat(metadata.get("operation").asText()).isEqualTo("unipart");
    assertThat(metadata.get("resource").asText()).isEqualTo("/upload/{proxy+}");
  }

  @Test
  void metricsCountAndTimeTheJournalCommitsOfTheMetadataDocuments() {
    String token = server.accessToken();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> presign = server.get("/prod/upload/unipart?md5=" + encode(md5(new byte[] {(byte) i})),
          "Authorization", "Bearer " + token);
      assertThat(presign.statusCode()).as(presign.body()).isEqualTo(200);
    }

    String metrics = server.get("/metrics").body();

    // One after the other, each document is a commit of its own, and none waits for the pace.
    assertThat(Exposition.counter(metrics, "lakegate_lake_journal_commits_total")).isEqualTo(3.0);
    assertThat(Exposition.counter(metrics, "lakegate_lake_journal_paced_commits_total")).isZero();
    // Each commit timed before its document's request was answered.
    assertThat(Exposition.counter(metrics, "lakegate_lake_journal_flush_duration_seconds_count")).isEqualTo(3.0);
    assertThat(Exposition.counter(metrics, "lakegate_lake_journal_flush_duration_seconds_sum")).isPositive();
  }

  @Test
  void putWithAnotherBodyThanSignedStoresNothing() throws IOException {
    String token = server.accessToken();
    byte[] content = "the signed bytes".getBytes(StandardCharsets.UTF_8);
    JsonNode body = JSON.readTree(server.get("/prod/upload/unipart?md5=" + encode(md5(content)), "Authorization", token).body());

    HttpResponse<String> put = put(URI.create(body.get("url").asText()), "other bytes!!!!!".getBytes(StandardCharsets.UTF_8), md5(content));

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body()).contains("<Code>BadDigest</Code>");
    assertThat(server.bucketDir().resolve("incoming").resolve(body.get("uuid").asText())).doesNotExist();
  }

  @Test
  void multipartUploadOfThreePartsIsAssembledInOrder() throws IOException {
    String auth = "Bearer " + server.accessToken();
    JsonNode init = JSON.readTree(server.get("/prod/upload/multi_init", "Authorization", auth).body());
    String uuid = init.get("uuid").asText();
    String uploadId = init.get("upload_id").asText();
    byte[][] parts = {random(5 * 1024 * 1024, 1), random(5 * 1024 * 1024, 2), random(1234, 3)};

    for (int i = 0; i < parts.length; i++) {
      HttpResponse<String> presign = server.get("/prod/upload/multi_upload?md5=" + encode(md5(parts[i])) + "&uuid=" + uuid
          + "&part_num=" + (i + 1) + "&upload_id=" + encode(uploadId), "Authorization", auth);
      assertThat(presign.statusCode()).as(presign.body()).isEqualTo(200);
      HttpResponse<String> put = put(URI.create(JSON.readTree(presign.body()).get("url").asText()), parts[i], md5(parts[i]));
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }
    HttpResponse<String> complete = server.get("/prod/upload/multi_complete?uuid=" + uuid + "&upload_id=" + encode(uploadId), "Authorization", auth);

    assertThat(complete.statusCode()).as(complete.body()).isEqualTo(200);
    JsonNode done = JSON.readTree(complete.body());
    assertThat(done.get("parts").asInt()).isEqualTo(3);
    assertThat(done.get("etag").asText()).endsWith("-3\"");
    Path object = server.bucketDir().resolve("incoming").resolve(uuid);
    byte[] whole = Files.readAllBytes(object);
    assertThat(whole).hasSize(parts[0].length + parts[1].length + parts[2].length);
    assertThat(Arrays.copyOfRange(whole, parts[0].length, parts[0].length + parts[1].length)).isEqualTo(parts[1]);
    assertThat(JSON.readTree(server.bucketDir().resolve("incoming").resolve(uuid + ".metadata.json").toFile()).get("upload_id").asText()).isEqualTo(uploadId);
  }

  @Test
  void unknownOperationGets400() {
    HttpResponse<String> response = server.get("/prod/upload/delete_everything", "Authorization", "Bearer " + server.accessToken());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
  }

  private HttpResponse<String> put(URI url, byte[] content, String contentMd5) {
    return server.send(HttpRequest.newBuilder(url).header("Content-MD5", contentMd5).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build());
  }

  static String md5(byte[] content) {
    return Base64.getEncoder().encodeToString(digest(content));
  }

  private static String hex(byte[] content) {
    return java.util.HexFormat.of().formatHex(digest(content));
  }

  private static byte[] digest(byte[] content) {
    try {
      return MessageDigest.getInstance("MD5").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
