package dev.lakegate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.core.upload.TestEvents;
import dev.lakegate.core.upload.UploadService;
import dev.lakegate.lake.s3.S3Lake;
import dev.lakegate.lake.s3.S3ProxyFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The handler on an S3 lake (s3proxy on loopback): the partner flow and the errors S3 can cause. */
class UploadHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Map<String, String> ENV = Map.of(
      "TARGET_BUCKET", "lambda-bucket",
      "TARGET_PREFIX", "incoming",
      "METADATA_TARGET_PREFIX", "metadata",
      "EVENT_METADATA_MAPPINGS",
      "{\"client\": \"requestContext.authorizer.claims.client_id\", \"agent\": \"headers.user-agent\", \"batch\": \"queryStringParameters.batch\"}",
      "REQUEST_PARAMETERS", "{\"batch\": false}");

  private static S3ProxyFixture s3;
  private static S3Lake lake;
  private static UploadHandler handler;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyFixture.start("lambda-bucket");
    lake = s3.lake(Clock.systemUTC());
    handler = new UploadHandler(new UploadService(FunctionEnvironment.from(ENV).upload(), lake, UUID::randomUUID));
  }

  @AfterAll
  static void stop() throws Exception {
    lake.close();
    s3.close();
  }

  @Test
  void unipartAnswersAUrlThatAcceptsTheBytesAndWritesTheMetadata() throws Exception {
    byte[] content = "partner data".getBytes(StandardCharsets.UTF_8);
    JsonNode body = ok(call(handler, TestEvents.get("unipart").query("md5", md5(content)).query("batch", "b-7")));
    String uuid = body.get("uuid").asText();

    assertThat(put(body.get("url").asText(), content)).isEqualTo(200);
    assertThat(read("incoming/" + uuid)).isEqualTo(content);
    assertThat(JSON.readTree(read("metadata/" + uuid + ".metadata.json")))
        .isEqualTo(JSON.readTree("{\"client\":\"client-1\",\"agent\":\"partner-agent/1.0\",\"batch\":\"b-7\"}"));
  }

  @Test
  void multipartOfThreePartsCompletesWithEtagDashThree() throws Exception {
    JsonNode init = ok(call(handler, TestEvents.get("multi_init")));
    String uuid = init.get("uuid").asText();
    String uploadId = init.get("upload_id").asText();
    byte[][] parts = {filled(5 * 1024 * 1024, 'x'), filled(5 * 1024 * 1024, 'y'), filled(100, 'z')};
    for (int i = 0; i < parts.length; i++) {
      JsonNode part = ok(call(handler, TestEvents.get("multi_upload").query("uuid", uuid).query("upload_id", uploadId)
          .query("part_num", String.valueOf(i + 1)).query("md5", md5(parts[i]))));
      assertThat(put(part.get("url").asText(), parts[i])).isEqualTo(200);
    }

    JsonNode done = ok(call(handler, TestEvents.get("multi_complete").query("uuid", uuid).query("upload_id", uploadId)));

    assertThat(done.get("etag").asText()).matches("\"?[0-9a-f]{32}-3\"?");
    assertThat(done.get("parts").asInt()).isEqualTo(3);
    assertThat(read("incoming/" + uuid)).hasSize(10 * 1024 * 1024 + 100);
    assertThat(JSON.readTree(read("metadata/" + uuid + ".metadata.json")).get("upload_id").asText()).isEqualTo(uploadId);
  }

  @Test
  void unknownUploadIdIsA404Json() throws Exception {
    JsonNode init = ok(call(handler, TestEvents.get("multi_init")));

    APIGatewayProxyResponseEvent response = call(handler, TestEvents.get("multi_complete")
        .query("uuid", init.get("uuid").asText()).query("upload_id", "not-the-upload-id"));

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.getBody()).get("error").asText()).isEqualTo("unknown_upload");
  }

  @Test
  void completionWithNoPartsIsA400Json() throws Exception {
    JsonNode init = ok(call(handler, TestEvents.get("multi_init")));

    APIGatewayProxyResponseEvent response = call(handler, TestEvents.get("multi_complete")
        .query("uuid", init.get("uuid").asText()).query("upload_id", init.get("upload_id").asText()));

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.getBody()).get("error").asText()).isEqualTo("no_parts");
  }

  @Test
  void missingBucketIsA5xxJsonWithoutDetail() throws Exception {
    var env = FunctionEnvironment.from(Map.of("TARGET_BUCKET", "no-such-bucket", "TARGET_PREFIX", "incoming"));
    try (S3Lake missing = S3Lake.open("no-such-bucket", s3.settings(), S3ProxyFixture.credentials(), Clock.systemUTC())) {
      var response = call(new UploadHandler(new UploadService(env.upload(), missing, UUID::randomUUID)),
          TestEvents.get("multi_init"));

      assertThat(response.getStatusCode()).isBetween(500, 599);
      assertThat(JSON.readTree(response.getBody()).get("error").asText()).isEqualTo("lake_error");
      assertThat(response.getBody()).doesNotContain("no-such-bucket").doesNotContain("Exception");
    }
  }

  @Test
  void deniedCredentialsAreA5xxJsonWithoutDetail() throws Exception {
    var wrong = StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyFixture.ACCESS_KEY, "not-the-secret"));
    try (S3Lake denied = S3Lake.open(s3.bucket(), s3.settings(), wrong, Clock.systemUTC())) {
      var response = call(new UploadHandler(new UploadService(FunctionEnvironment.from(ENV).upload(), denied, UUID::randomUUID)),
          TestEvents.get("multi_init"));

      assertThat(response.getStatusCode()).isBetween(500, 599);
      assertThat(JSON.readTree(response.getBody()).get("error").asText()).isEqualTo("lake_error");
      assertThat(response.getBody()).doesNotContain("not-the-secret").doesNotContain("AccessDenied");
    }
  }

  @Test
  void eventWithoutClaimsIsRefusedWith401() throws Exception {
    var response = call(handler, TestEvents.get("unipart").withoutClient().query("md5", md5(new byte[] {1})));

    assertThat(response.getStatusCode()).isEqualTo(401);
  }

  @Test
  void eventThatIsNotAProxyEventGetsA400Json() throws Exception {
    APIGatewayProxyResponseEvent response = handler.handleRequest(new APIGatewayProxyRequestEvent(), null);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.getBody()).get("error").asText()).isEqualTo("bad_request");
  }

  @Test
  void handlerBuiltFromTheEnvironmentUsesTheConfiguredEndpointAndDefaultCredentialChain() throws Exception {
    // The SDK's default chain reads these system properties first.
    System.setProperty("aws.accessKeyId", S3ProxyFixture.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyFixture.SECRET_KEY);
    Map<String, String> env = new java.util.HashMap<>(ENV);
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
    UploadHandler fromEnvironment = new UploadHandler(FunctionEnvironment.from(env), Clock.systemUTC());
    byte[] content = "via environment".getBytes(StandardCharsets.UTF_8);

    JsonNode body = ok(call(fromEnvironment, TestEvents.get("unipart").query("md5", md5(content))));

    assertThat(body.get("url").asText()).startsWith(s3.endpoint() + "/lambda-bucket/incoming/");
    assertThat(put(body.get("url").asText(), content)).isEqualTo(200);
  }

  private static APIGatewayProxyResponseEvent call(UploadHandler target, TestEvents.Builder event) {
    return target.handleRequest(ProxyEventJson.of(event.build()), null);
  }

  private static JsonNode ok(APIGatewayProxyResponseEvent response) throws Exception {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    return JSON.readTree(response.getBody());
  }

  private static int put(String url, byte[] content) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .header("Content-MD5", md5(content))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static byte[] read(String key) {
    return s3.client().getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key)).asByteArray();
  }

  private static byte[] filled(int size, char c) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) c);
    return bytes;
  }

  static String md5(byte[] content) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
  }
}
