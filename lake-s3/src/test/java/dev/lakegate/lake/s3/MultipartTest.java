package dev.lakegate.lake.s3;

import static dev.lakegate.lake.s3.PresignedPutTest.md5;
import static dev.lakegate.lake.s3.PresignedPutTest.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.core.lake.CompletedMultipart;
import dev.lakegate.core.lake.MultipartUpload;
import dev.lakegate.core.lake.UploadedPart;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Multipart uploads on S3: presigned parts, every page of ListParts, completion, ownership records. */
class MultipartTest {
  private static final int MIB = 1024 * 1024;
  private static final Instant NOW = Instant.parse("2026-11-24T05:00:00Z");

  private static S3ProxyFixture s3;
  private static S3Lake lake;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyFixture.start("multipart-bucket");
    lake = s3.lake(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() throws Exception {
    lake.close();
    s3.close();
  }

  @Test
  void threePresignedPartsCompleteIntoOneObjectWithEtagDashThree() throws Exception {
    String key = "incoming/three-parts";
    byte[][] parts = {filled(5 * MIB, 'a'), filled(5 * MIB, 'b'), filled(1234, 'c')};
    String uploadId = lake.startMultipart(key, "client-a");
    for (int i = 0; i < parts.length; i++) {
      var url = lake.presignPart(key, uploadId, i + 1, md5(parts[i]), Duration.ofMinutes(10));
      assertThat(put(url.uri(), md5(parts[i]), parts[i]).statusCode()).isEqualTo(200);
    }

    List<UploadedPart> listed = lake.listParts(key, uploadId);
    CompletedMultipart completed = lake.completeMultipart(key, uploadId, listed);

    assertThat(listed).extracting(UploadedPart::partNumber).containsExactly(1, 2, 3);
    assertThat(listed).extracting(UploadedPart::size).containsExactly(5L * MIB, 5L * MIB, 1234L);
    assertThat(completed.etag()).matches("\"?[0-9a-f]{32}-3\"?");
    assertThat(completed.parts()).isEqualTo(3);
    byte[] stored = s3.client().getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key)).asByteArray();
    assertThat(stored).isEqualTo(concat(parts));
  }

  @Test
  void startRecordsUploadIdAndOwnerInTheBucketUntilCompletion() {
    String key = "incoming/owned";
    String uploadId = lake.startMultipart(key, "client-b");

    assertThat(lake.findMultipart(key)).contains(new MultipartUpload(key, uploadId, "client-b", NOW));
    assertThat(s3.client().headObject(b -> b.bucket(s3.bucket()).key(MultipartLedger.recordKey(key))).contentLength())
        .isPositive();

    uploadPartDirectly(key, uploadId, 1, filled(10, 'x'));
    lake.completeMultipart(key, uploadId, lake.listParts(key, uploadId));

    assertThat(lake.findMultipart(key)).isEmpty();
  }

  @Test
  void anotherLakeOnTheSameBucketSeesTheSameRecord() {
    String key = "incoming/shared";
    String uploadId = lake.startMultipart(key, "client-c");

    try (S3Lake other = s3.lake(Clock.systemUTC())) {
      assertThat(other.findMultipart(key)).map(MultipartUpload::uploadId).contains(uploadId);
      assertThat(other.findMultipart(key)).map(MultipartUpload::owner).contains("client-c");
    }
  }

  @Test
  void findMultipartOfAKeyNeverStartedIsEmpty() {
    assertThat(lake.findMultipart("incoming/never-started")).isEmpty();
  }

  @Test
  void listPartsFollowsEveryPage() {
    String key = "incoming/paged";
    String uploadId = lake.startMultipart(key, "client-d");
    for (int part = 1; part <= 5; part++) {
      uploadPartDirectly(key, uploadId, part, filled(part, 'p'));
    }

    try (S3Lake smallPages =
        S3Lake.open(s3.bucket(), s3.settings(), S3ProxyFixture.credentials(), Clock.systemUTC(), 2)) {
      assertThat(smallPages.listParts(key, uploadId))
          .extracting(UploadedPart::partNumber).containsExactly(1, 2, 3, 4, 5);
    }
  }

  private static void uploadPartDirectly(String key, String uploadId, int part, byte[] body) {
    s3.client().uploadPart(b -> b.bucket(s3.bucket()).key(key).uploadId(uploadId).partNumber(part),
        RequestBody.fromBytes(body));
  }

  static byte[] filled(int size, char c) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) c);
    return bytes;
  }

  private static byte[] concat(byte[][] parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
