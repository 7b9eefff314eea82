package dev.lakegate.lake.s3;

import static dev.lakegate.lake.s3.PresignedPutTest.md5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.core.lake.LakeException;
import dev.lakegate.core.lake.LakeException.Reason;
import dev.lakegate.core.lake.UploadedPart;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Every way S3 can refuse ends as a {@link LakeException} with a reason the edges map to 4xx/5xx. */
class S3FailureTest {
  private static S3ProxyFixture s3;
  private static S3Lake lake;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyFixture.start("failure-bucket");
    lake = s3.lake(Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    lake.close();
    s3.close();
  }

  @Test
  void missingBucketIsNoSuchBucket() {
    try (S3Lake missing = S3Lake.open("no-such-bucket", s3.settings(), S3ProxyFixture.credentials(), Clock.systemUTC())) {
      // Requests without a body: s3proxy refuses a PUT before reading its body and closes the
      // connection, which the client may see as a broken pipe rather than as S3's answer.
      assertThatThrownBy(() -> missing.findMultipart("incoming/a"))
          .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_BUCKET));
      assertThatThrownBy(() -> missing.startMultipart("incoming/a", "client"))
          .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_BUCKET));
    }
  }

  @Test
  void wrongSecretIsAccessDeniedAndTheMessageHoldsNoSecret() {
    var wrong = StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyFixture.ACCESS_KEY, "wrong-secret"));
    try (S3Lake denied = S3Lake.open(s3.bucket(), s3.settings(), wrong, Clock.systemUTC())) {
      assertThatThrownBy(() -> denied.startMultipart("incoming/b", "client"))
          .isInstanceOfSatisfying(LakeException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.ACCESS_DENIED);
            assertThat(e.getMessage()).doesNotContain("wrong-secret");
          });
    }
  }

  @Test
  void unknownAccessKeyIsAccessDenied() {
    var unknown = StaticCredentialsProvider.create(AwsBasicCredentials.create("nobody", "nothing"));
    try (S3Lake denied = S3Lake.open(s3.bucket(), s3.settings(), unknown, Clock.systemUTC())) {
      assertThatThrownBy(() -> denied.findMultipart("incoming/c"))
          .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ACCESS_DENIED));
    }
  }

  @Test
  void uploadIdNeverStartedThroughTheLakeHasNoRecord() {
    // S3 answers ListParts of an unknown id with NoSuchUpload, s3proxy with an empty list: the
    // ledger is what tells the upload API that the id is unknown, whatever the store does.
    assertThat(lake.findMultipart("incoming/d")).isEmpty();
  }

  @Test
  void unknownUploadIdIsNoSuchUploadWhenCompleting() {
    var part = new UploadedPart(1, "\"" + "0".repeat(32) + "\"", 1);
    assertThatThrownBy(() -> lake.completeMultipart("incoming/e", "no-such-upload-id", List.of(part)))
        .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_UPLOAD));
  }

  @Test
  void completionWithNoPartsIsInvalidPartAndTheUploadStaysOpen() {
    String uploadId = lake.startMultipart("incoming/f", "client");

    assertThatThrownBy(() -> lake.completeMultipart("incoming/f", uploadId, List.of()))
        .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_PART));
    assertThat(lake.findMultipart("incoming/f")).isPresent();
  }

  @Test
  void unreachableStoreIsUnavailable() {
    var nowhere = new dev.lakegate.core.config.StandaloneConfig.S3Lake(
        Optional.of("us-east-1"), Optional.of(URI.create("http://127.0.0.1:1")), true);
    try (S3Lake closed = S3Lake.open(s3.bucket(), nowhere, S3ProxyFixture.credentials(), Clock.systemUTC())) {
      assertThatThrownBy(() -> closed.putObject("meta/g.json", new byte[] {1}, "application/json"))
          .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }
  }

  @Test
  void keysThatWouldLeaveTheBucketOrTouchReservedRecordsAreRefused() {
    for (String key : List.of("", "/abs", "a/../b", "a//b", "./a", ".lakegate/multipart/x.json", "a\nb", "a\\b")) {
      assertThatThrownBy(() -> lake.presignPut(key, md5(new byte[] {1}), Duration.ofMinutes(1)))
          .as(key)
          .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_KEY));
    }
  }

  @Test
  void keyOfExactly1024BytesIsAcceptedAndOneMoreIsRefused() {
    assertThat(lake.presignPut("k".repeat(1024), md5(new byte[] {1}), Duration.ofMinutes(1))).isNotNull();
    assertThatThrownBy(() -> lake.presignPut("k".repeat(1025), md5(new byte[] {1}), Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_KEY));
  }

  @Test
  void multipartKeyWhoseRecordWouldExceedS3sLimitIsRefusedBeforeStarting() {
    String longest = "m".repeat(1024 - MultipartLedger.RECORD_KEY_OVERHEAD);

    assertThatThrownBy(() -> lake.startMultipart(longest + "m", "client"))
        .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_KEY));
    assertThat(lake.findMultipart(longest)).isEmpty();
  }

  @Test
  void validityOfSevenDaysIsAcceptedAndOneSecondMoreIsRefused() {
    assertThat(lake.presignPut("incoming/h", md5(new byte[] {1}), Duration.ofDays(7)).uri().getQuery())
        .contains("X-Amz-Expires=604800");
    assertThatThrownBy(() -> lake.presignPut("incoming/h", md5(new byte[] {1}), Duration.ofDays(7).plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sdkErrorCodesMapToTheirReasons() {
    assertThat(S3Failures.reasonFor("NoSuchBucket", 404)).isEqualTo(Reason.NO_SUCH_BUCKET);
    assertThat(S3Failures.reasonFor("SignatureDoesNotMatch", 403)).isEqualTo(Reason.ACCESS_DENIED);
    assertThat(S3Failures.reasonFor("EntityTooSmall", 400)).isEqualTo(Reason.ENTITY_TOO_SMALL);
    assertThat(S3Failures.reasonFor("InvalidPartOrder", 400)).isEqualTo(Reason.INVALID_PART);
    assertThat(S3Failures.reasonFor("", 403)).isEqualTo(Reason.ACCESS_DENIED);
    assertThat(S3Failures.reasonFor("SlowDown", 503)).isEqualTo(Reason.UNAVAILABLE);
  }
}
