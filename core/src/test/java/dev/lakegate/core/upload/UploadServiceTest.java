package dev.lakegate.core.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.core.lake.ForwardingLake;
import dev.lakegate.core.lake.InMemoryLake;
import dev.lakegate.core.lake.LakeException;
import dev.lakegate.core.lake.UploadedPart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UploadServiceTest {
  private static final String MD5 = "1B2M2Y8AsgTpgAmY7PhCfg==";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryLake lake = new InMemoryLake(Clock.fixed(Instant.parse("2026-11-24T04:00:00Z"), ZoneOffset.UTC));
  private final Deque<UUID> ids = new ArrayDeque<>(List.of(
      UUID.fromString("11111111-1111-4111-8111-111111111111"),
      UUID.fromString("22222222-2222-4222-8222-222222222222")));
  private final UploadService service = new UploadService(
      new UploadSettings("incoming", "incoming-metadata", Map.of(), Map.of("ip", "requestContext.identity.sourceIp"),
          UploadSettings.DEFAULT_URL_VALIDITY),
      lake,
      ids::removeFirst);

  @Test
  void unipartWritesMetadataAndPresignsPutOfNewUuidBoundToMd5() throws Exception {
    ApiResponse response = service.handle(TestEvents.get("unipart").query("md5", MD5).build());

    assertThat(response.status()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("uuid").asText()).isEqualTo("11111111-1111-4111-8111-111111111111");
    assertThat(body.get("url").asText()).isEqualTo("https://lake.test/landing/incoming/11111111-1111-4111-8111-111111111111");
    assertThat(lake.presigned()).containsExactly("PUT incoming/11111111-1111-4111-8111-111111111111 " + MD5);
    assertThat(new String(lake.object("incoming-metadata/11111111-1111-4111-8111-111111111111.metadata.json").orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("{\"ip\":\"127.0.0.1\"}");
  }

  @Test
  void multipartFlowInitUploadCompleteWithUploadIdInMetadata() throws Exception {
    JsonNode init = JSON.readTree(service.handle(TestEvents.get("multi_init").build()).body());
    String uuid = init.get("uuid").asText();
    String uploadId = init.get("upload_id").asText();
    assertThat(new String(lake.object("incoming-metadata/" + uuid + ".metadata.json").orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("{\"ip\":\"127.0.0.1\",\"upload_id\":\"" + uploadId + "\"}");

    ApiResponse part = service.handle(multiUpload(uuid, uploadId, "3").build());
    assertThat(part.status()).isEqualTo(200);
    assertThat(JSON.readTree(part.body()).get("uuid").asText()).isEqualTo(uuid);
    assertThat(lake.presigned()).containsExactly("PART incoming/" + uuid + " " + uploadId + " 3 " + MD5);

    lake.addPart(uploadId, new UploadedPart(1, "\"a\"", 5L << 20));
    lake.addPart(uploadId, new UploadedPart(2, "\"b\"", 10));
    ApiResponse complete = service.handle(complete(uuid, uploadId).build());
    assertThat(complete.status()).isEqualTo(200);
    assertThat(JSON.readTree(complete.body()).get("parts").asInt()).isEqualTo(2);
    assertThat(JSON.readTree(complete.body()).get("etag").asText()).isEqualTo("\"completed-2\"");
  }

  @Test
  void partUrlForUploadStartedByAnotherClientIsForbidden() throws Exception {
    JsonNode init = JSON.readTree(service.handle(TestEvents.get("multi_init").client("owner").build()).body());

    ApiResponse response = service.handle(
        multiUpload(init.get("uuid").asText(), init.get("upload_id").asText(), "1").client("intruder").build());

    assertThat(response.status()).isEqualTo(403);
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("foreign_upload");
    assertThat(lake.presigned()).isEmpty();
  }

  @Test
  void completionByAnotherClientIsForbidden() throws Exception {
    JsonNode init = JSON.readTree(service.handle(TestEvents.get("multi_init").client("owner").build()).body());

    ApiResponse response = service.handle(
        complete(init.get("uuid").asText(), init.get("upload_id").asText()).client("intruder").build());

    assertThat(response.status()).isEqualTo(403);
  }

  @Test
  void uploadIdOfAnotherUuidIsUnknownUpload() throws Exception {
    JsonNode first = JSON.readTree(service.handle(TestEvents.get("multi_init").build()).body());
    JsonNode second = JSON.readTree(service.handle(TestEvents.get("multi_init").build()).body());

    ApiResponse response = service.handle(
        multiUpload(first.get("uuid").asText(), second.get("upload_id").asText(), "1").build());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).contains("does not belong to this uuid");
  }

  @Test
  void neverStartedUuidIsUnknownUpload() {
    ApiResponse response = service.handle(multiUpload(UUID.randomUUID().toString(), "upload-9", "1").build());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).contains("\"error\":\"unknown_upload\"");
  }

  @Test
  void completionWithNoPartsIs400AndLeavesUploadOpen() throws Exception {
    JsonNode init = JSON.readTree(service.handle(TestEvents.get("multi_init").build()).body());
    String uuid = init.get("uuid").asText();

    ApiResponse response = service.handle(complete(uuid, init.get("upload_id").asText()).build());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("\"error\":\"no_parts\"");
    assertThat(lake.findMultipart("incoming/" + uuid)).isPresent();
  }

  @Test
  void unknownOperationIs400AndWritesNothing() {
    ApiResponse response = service.handle(TestEvents.get("delete_everything").build());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("\"error\":\"unknown_operation\"");
    assertThat(lake.keys()).isEmpty();
  }

  @Test
  void missingParametersAreNamedInTheBody() throws Exception {
    ApiResponse response = service.handle(TestEvents.get("multi_complete").build());

    assertThat(response.status()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("parameters").toString()).isEqualTo("[\"upload_id\",\"uuid\"]");
  }

  @Test
  void requestWithoutClientIdentityIsRefusedWithoutWork() {
    ApiResponse response = service.handle(TestEvents.get("unipart").query("md5", MD5).withoutClient().build());

    assertThat(response.status()).isEqualTo(401);
    assertThat(lake.keys()).isEmpty();
  }

  @Test
  void unavailableLakeIs503WithRetryAfter() {
    lake.failNextCall(LakeException.Reason.UNAVAILABLE);

    ApiResponse response = service.handle(TestEvents.get("unipart").query("md5", MD5).build());

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("Retry-After", "1");
  }

  @Test
  void missingBucketIs502WithoutInternalDetail() {
    lake.failNextCall(LakeException.Reason.NO_SUCH_BUCKET);

    UploadOutcome outcome = service.decide(TestEvents.get("multi_init").build());

    assertThat(outcome.response().status()).isEqualTo(502);
    assertThat(outcome.response().body()).doesNotContain("NO_SUCH_BUCKET");
    assertThat(outcome.failure()).hasValueSatisfying(f -> assertThat(f.detail()).contains("NO_SUCH_BUCKET"));
  }

  @Test
  void tooSmallPartAtCompletionIs400() throws Exception {
    JsonNode init = JSON.readTree(service.handle(TestEvents.get("multi_init").build()).body());
    String uploadId = init.get("upload_id").asText();
    lake.addPart(uploadId, new UploadedPart(1, "\"a\"", 10));
    lake.addPart(uploadId, new UploadedPart(2, "\"b\"", 10));
    ApiResponse response = completeFailing(init.get("uuid").asText(), uploadId, LakeException.Reason.ENTITY_TOO_SMALL);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("at least 5 MiB");
  }

  private ApiResponse completeFailing(String uuid, String uploadId, LakeException.Reason reason) {
    // findMultipart and listParts succeed; the failure is injected into completeMultipart itself.
    var failingLake = new ForwardingLake(lake) {
      @Override
      public dev.lakegate.core.lake.CompletedMultipart completeMultipart(String key, String id, List<UploadedPart> parts) {
        throw new LakeException(reason, "refused");
      }
    };
    return new UploadService(
            new UploadSettings("incoming", "incoming-metadata", Map.of(), Map.of(), UploadSettings.DEFAULT_URL_VALIDITY),
            failingLake,
            UUID::randomUUID)
        .handle(complete(uuid, uploadId).build());
  }

  private static TestEvents.Builder multiUpload(String uuid, String uploadId, String partNumber) {
    return TestEvents.get("multi_upload").query("md5", MD5).query("uuid", uuid).query("upload_id", uploadId)
        .query("part_num", partNumber);
  }

  private static TestEvents.Builder complete(String uuid, String uploadId) {
    return TestEvents.get("multi_complete").query("uuid", uuid).query("upload_id", uploadId);
  }
}
