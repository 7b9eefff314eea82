package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.core.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedUploadPartRequest;

/**
 * The lake speaks S3's presigned-URL dialect: a request presigned by the AWS SDK's own
 * {@link S3Presigner} with the lake's keys is accepted when sent as the SDK says to send it, and
 * the lake's URL for the same request at the same instant is the SDK's URL.
 */
class SigV4CompatibilityTest {
  private static final byte[] BODY = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
  private static final String MD5 = TestLake.md5Base64(BODY);
  private static final String KEY = "incoming/with space+plus~tilde.csv";

  @TempDir Path dir;

  private static S3Presigner sdkPresigner() {
    return S3Presigner.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(TestLake.BASE_URL)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(TestLake.CREDENTIALS.accessKeyId(), TestLake.CREDENTIALS.secretKey())))
        .build();
  }

  private static Instant signedAt(URI url) {
    String date = url.getRawQuery().replaceAll(".*X-Amz-Date=([0-9TZ]+).*", "$1");
    return LocalDateTime.parse(date, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(ZoneOffset.UTC);
  }

  @Test
  void acceptsAPutPresignedByTheSdkSentAsTheSdkSays() throws Exception {
    PresignedPutObjectRequest sdk;
    try (S3Presigner presigner = sdkPresigner()) {
      sdk =
          presigner.presignPutObject(
              p -> p.signatureDuration(Duration.ofMinutes(10))
                  .putObjectRequest(o -> o.bucket(TestLake.BUCKET).key(KEY).contentMD5(MD5)));
    }
    URI url = sdk.url().toURI();
    try (FileSystemLake lake = TestLake.open(dir, new MutableClock(signedAt(url)))) {
      LakeResponse response =
          lake.endpoint().put(TestLake.put(url, sdk.signedHeaders(), BODY.length, new ByteArrayInputStream(BODY)));

      assertThat(response.status()).as(response.failureDetail().orElse("")).isEqualTo(200);
      assertThat(Files.readAllBytes(dir.resolve("landing").resolve(KEY))).isEqualTo(BODY);
    }
  }

  @Test
  void lakeUrlEqualsTheSdkUrlForTheSameRequestAndInstant() throws Exception {
    URI sdkUrl;
    try (S3Presigner presigner = sdkPresigner()) {
      sdkUrl =
          presigner
              .presignPutObject(
                  p -> p.signatureDuration(Duration.ofMinutes(10))
                      .putObjectRequest(o -> o.bucket(TestLake.BUCKET).key(KEY).contentMD5(MD5)))
              .url()
              .toURI();
    }
    try (FileSystemLake lake = TestLake.open(dir, new MutableClock(signedAt(sdkUrl)))) {
      URI lakeUrl = lake.presignPut(KEY, MD5, Duration.ofMinutes(10)).uri();

      assertThat(lakeUrl.getRawPath()).isEqualTo(sdkUrl.getRawPath());
      assertThat(queryParameters(lakeUrl)).isEqualTo(queryParameters(sdkUrl));
    }
  }

  @Test
  void acceptsAPartPresignedByTheSdk() throws Exception {
    try (FileSystemLake setup = TestLake.open(dir, TestLake.clock())) {
      String uploadId = setup.startMultipart(KEY, "client-1");
      PresignedUploadPartRequest sdk;
      try (S3Presigner presigner = sdkPresigner()) {
        sdk =
            presigner.presignUploadPart(
                p -> p.signatureDuration(Duration.ofMinutes(10))
                    .uploadPartRequest(
                        u -> u.bucket(TestLake.BUCKET).key(KEY).uploadId(uploadId).partNumber(7).contentMD5(MD5)));
      }
      URI url = sdk.url().toURI();
      try (FileSystemLake lake = TestLake.open(dir, new MutableClock(signedAt(url)))) {
        LakeResponse response =
            lake.endpoint().put(TestLake.put(url, sdk.signedHeaders(), BODY.length, new ByteArrayInputStream(BODY)));

        assertThat(response.status()).as(response.failureDetail().orElse("")).isEqualTo(200);
        assertThat(lake.listParts(KEY, uploadId)).singleElement().satisfies(p -> assertThat(p.partNumber()).isEqualTo(7));
      }
    }
  }

  private static Map<String, String> queryParameters(URI url) {
    Map<String, String> params = new java.util.TreeMap<>();
    for (String pair : url.getRawQuery().split("&", -1)) {
      int eq = pair.indexOf('=');
      params.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return params;
  }
}
