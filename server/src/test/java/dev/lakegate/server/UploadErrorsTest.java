package dev.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.core.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every refusal of {@code contract.md} §4 and §6 over HTTPS against the real server, each with its
 * status, and nothing stored in the lake by a refused request; plus the seed's comprehensive
 * metadata mappings, where an absent header gives {@code null}.
 */
class UploadErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] CONTENT = "partner bytes\n".getBytes(StandardCharsets.UTF_8);
  private static final String REQUIRED = "test_required_param=r";

  private final MutableClock clock = new MutableClock(Instant.now());

  @RegisterExtension
  final TestServer server = TestServer.builder()
      .clock(clock)
      .api(api -> api.appClients("demo-client", "other-client")
          .requestParameter("test_required_param", true)
          .requestParameter("test_opt_param", false)
          .eventMetadataMapping("Resource", "resource")
          .eventMetadataMapping("Host", "headers.Host")
          .eventMetadataMapping("UserAgent", "headers.User-Agent")
          .eventMetadataMapping("IPForwarding", "headers.X-Forwarded-For")
          .eventMetadataMapping("RequestTime", "requestContext.requestTime")
          .eventMetadataMapping("queryStringParameters", "queryStringParameters"))
      .build();

  @Test
  void comprehensiveMappingsGiveNullForAbsentHeader() throws IOException {
    JsonNode grant = unipart(server.accessToken());

    JsonNode metadata = JSON.readTree(incoming(grant.get("uuid").asText() + ".metadata.json").toFile());
    assertThat(metadata.get("Resource").asText()).isEqualTo("/upload/{proxy+}");
    assertThat(metadata.get("Host").asText()).isEqualTo(server.baseUrl().getAuthority());
    assertThat(metadata.get("UserAgent").asText()).isEqualTo("partner/2.0");
    assertThat(metadata.get("IPForwarding").isNull()).isTrue();
    assertThat(metadata.get("RequestTime").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}");
    assertThat(metadata.get("queryStringParameters").get("test_required_param").asText()).isEqualTo("r");
  }

  @Test
  void tamperedSignatureIs403SignatureDoesNotMatch() throws IOException {
    JsonNode grant = unipart(server.accessToken());
    String url = grant.get("url").asText();
    int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
    String tampered = url.substring(0, at) + (url.charAt(at) == 'a' ? 'b' : 'a') + url.substring(at + 1);

    assertRefusedPut(put(tampered, md5(CONTENT)), 403, "SignatureDoesNotMatch", grant);
  }

  @Test
  void changedKeyIs403SignatureDoesNotMatch() throws IOException {
    JsonNode grant = unipart(server.accessToken());
    String other = UUID.randomUUID().toString();

    HttpResponse<String> response = put(grant.get("url").asText().replace(grant.get("uuid").asText(), other), md5(CONTENT));

    assertRefusedPut(response, 403, "SignatureDoesNotMatch", grant);
    assertThat(incoming(other)).doesNotExist();
  }

  @Test
  void expiredUrlIs403AccessDenied() throws IOException {
    JsonNode grant = unipart(server.accessToken());
    clock.advance(Duration.ofSeconds(601));

    assertRefusedPut(put(grant.get("url").asText(), md5(CONTENT)), 403, "AccessDenied", grant);
  }

  @Test
  void missingContentMd5Is403() throws IOException {
    JsonNode grant = unipart(server.accessToken());

    HttpResponse<String> response = server.send(HttpRequest.newBuilder(URI.create(grant.get("url").asText()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(CONTENT)).build());

    assertRefusedPut(response, 403, "SignatureDoesNotMatch", grant);
  }

  @Test
  void bodyOtherThanSignedMd5Is400BadDigest() throws IOException {
    JsonNode grant = unipart(server.accessToken());

    HttpResponse<String> response = server.send(HttpRequest.newBuilder(URI.create(grant.get("url").asText()))
        .header("Content-MD5", md5(CONTENT))
        .PUT(HttpRequest.BodyPublishers.ofString("not the signed bytes")).build());

    assertRefusedPut(response, 400, "BadDigest", grant);
  }

  @Test
  void partNumbersZeroAndTenThousandOneAre400() throws IOException {
    String token = server.accessToken();
    JsonNode init = api(token, "multi_init?" + REQUIRED, 200);

    for (String partNumber : List.of("0", "10001")) {
      JsonNode refused = api(token, partQuery(init, partNumber), 400);
      assertThat(refused.get("error").asText()).isEqualTo("malformed_parameter");
      assertThat(refused.get("parameters").toString()).isEqualTo("[\"part_num\"]");
    }
    assertThat(api(token, partQuery(init, "10000"), 200).get("url").asText()).contains("partNumber=10000");
  }

  @Test
  void unknownUploadIdIs404() throws IOException {
    String token = server.accessToken();
    JsonNode init = api(token, "multi_init?" + REQUIRED, 200);

    JsonNode refused = api(token, "multi_upload?" + REQUIRED + "&md5=" + encode(md5(CONTENT)) + "&uuid=" + init.get("uuid").asText()
        + "&part_num=1&upload_id=not-the-upload-id", 404);

    assertThat(refused.get("error").asText()).isEqualTo("unknown_upload");
    assertThat(api(token, "multi_complete?" + REQUIRED + "&uuid=" + UUID.randomUUID() + "&upload_id=x", 404)
        .get("error").asText()).isEqualTo("unknown_upload");
  }

  @Test
  void anotherClientsUploadIsForbidden() throws IOException {
    JsonNode init = api(server.accessToken(), "multi_init?" + REQUIRED, 200);
    String intruder = tokenOf("other-client");

    assertThat(api(intruder, partQuery(init, "1"), 403).get("error").asText()).isEqualTo("foreign_upload");
    assertThat(api(intruder, "multi_complete?" + REQUIRED + "&uuid=" + init.get("uuid").asText() + "&upload_id="
        + encode(init.get("upload_id").asText()), 403).get("error").asText()).isEqualTo("foreign_upload");
  }

  @Test
  void completionWithNoPartsIs400AndStoresNoObject() throws IOException {
    String token = server.accessToken();
    JsonNode init = api(token, "multi_init?" + REQUIRED, 200);

    JsonNode refused = api(token, "multi_complete?" + REQUIRED + "&uuid=" + init.get("uuid").asText() + "&upload_id="
        + encode(init.get("upload_id").asText()), 400);

    assertThat(refused.get("error").asText()).isEqualTo("no_parts");
    assertThat(incoming(init.get("uuid").asText())).doesNotExist();
  }

  @Test
  void unknownOperationAndParametersAre400WithoutWrites() throws IOException {
    String token = server.accessToken();

    assertThat(api(token, "delete_all?" + REQUIRED, 400).get("error").asText()).isEqualTo("unknown_operation");
    JsonNode unexpected = api(token, "unipart?" + REQUIRED + "&md5=" + encode(md5(CONTENT)) + "&color=red", 400);
    assertThat(unexpected.get("parameters").toString()).isEqualTo("[\"color\"]");
    JsonNode missing = api(token, "unipart?md5=" + encode(md5(CONTENT)), 400);
    assertThat(missing.get("parameters").toString()).isEqualTo("[\"test_required_param\"]");
    assertThat(api(token, "unipart?" + REQUIRED, 400).get("parameters").toString()).isEqualTo("[\"md5\"]");
    assertThat(filesInBucket()).isEmpty();
  }

  private JsonNode unipart(String token) throws IOException {
    return api(token, "unipart?" + REQUIRED + "&md5=" + encode(md5(CONTENT)), 200);
  }

  private JsonNode api(String token, String operationAndQuery, int expectedStatus) throws IOException {
    HttpResponse<String> response = server.get("/prod/upload/" + operationAndQuery,
        "Authorization", "Bearer " + token, "User-Agent", "partner/2.0");
    assertThat(response.statusCode()).as(operationAndQuery + " -> " + response.body()).isEqualTo(expectedStatus);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  private static String partQuery(JsonNode init, String partNumber) {
    return "multi_upload?" + REQUIRED + "&md5=" + encode(md5(CONTENT)) + "&uuid=" + init.get("uuid").asText()
        + "&part_num=" + partNumber + "&upload_id=" + encode(init.get("upload_id").asText());
  }

  private String tokenOf(String client) throws IOException {
    var credentials = server.credentials(client);
    HttpResponse<String> response = server.postToken("grant_type=client_credentials",
        "Authorization", TestServer.basic(credentials.clientId(), credentials.clientSecret().reveal()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("access_token").asText();
  }

  private HttpResponse<String> put(String url, String contentMd5) {
    return server.send(HttpRequest.newBuilder(URI.create(url)).header("Content-MD5", contentMd5)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(CONTENT)).build());
  }

  private void assertRefusedPut(HttpResponse<String> response, int status, String code, JsonNode grant) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains("<Code>" + code + "</Code>");
    assertThat(incoming(grant.get("uuid").asText())).as("nothing stored").doesNotExist();
  }

  private Path incoming(String name) {
    return server.bucketDir().resolve("incoming").resolve(name);
  }

  private List<Path> filesInBucket() throws IOException {
    if (!Files.exists(server.bucketDir())) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(server.bucketDir())) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private static String md5(byte[] content) {
    return UploadFlowTest.md5(content);
  }

  private static String encode(String value) {
    return UploadFlowTest.encode(value);
  }
}
