package dev.lakegate.lake.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.core.lake.PresignedUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Threat: a presigned URL that accepts bytes other than those whose MD5 was signed would let a
 * partner (or anyone holding the URL) store content the upload API never agreed to.
 */
class PresignedPutTest {
  private static S3ProxyFixture s3;
  private static S3Lake lake;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyFixture.start("presign-bucket");
    lake = s3.lake(Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    lake.close();
    s3.close();
  }

  @Test
  void presignedPutWithTheSignedMd5StoresTheExactBytes() throws Exception {
    byte[] body = "hello lake".getBytes(StandardCharsets.UTF_8);
    PresignedUrl url = lake.presignPut("incoming/a.bin", md5(body), Duration.ofMinutes(10));

    HttpResponse<String> response = put(url.uri(), md5(body), body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(s3.client().getObjectAsBytes(b -> b.bucket(s3.bucket()).key("incoming/a.bin")).asByteArray())
        .isEqualTo(body);
  }

  @Test
  void presignedUrlCarriesContentMd5AmongSignedHeadersAndExpiresAfterValidity() {
    PresignedUrl url = lake.presignPut("incoming/b.bin", md5(new byte[] {1}), Duration.ofMinutes(10));

    assertThat(url.uri().getQuery()).contains("X-Amz-SignedHeaders=content-md5;host").contains("X-Amz-Expires=600");
    assertThat(url.uri().getPath()).isEqualTo("/presign-bucket/incoming/b.bin");
    assertThat(url.expiresAt()).isBetween(
        Clock.systemUTC().instant().plusSeconds(590), Clock.systemUTC().instant().plusSeconds(601));
  }

  @Test
  void bodyNotMatchingTheSignedMd5IsRejectedAndNothingIsStored() throws Exception {
    byte[] signed = "the agreed bytes".getBytes(StandardCharsets.UTF_8);
    PresignedUrl url = lake.presignPut("incoming/c.bin", md5(signed), Duration.ofMinutes(10));

    HttpResponse<String> response = put(url.uri(), md5(signed), "other bytes".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("BadDigest");
    assertThat(s3.client().listObjectsV2(b -> b.bucket(s3.bucket()).prefix("incoming/c.bin")).contents()).isEmpty();
  }

  @Test
  void contentMd5OtherThanTheSignedOneFailsTheSignature() throws Exception {
    byte[] signed = "signed".getBytes(StandardCharsets.UTF_8);
    byte[] other = "other".getBytes(StandardCharsets.UTF_8);
    PresignedUrl url = lake.presignPut("incoming/d.bin", md5(signed), Duration.ofMinutes(10));

    HttpResponse<String> response = put(url.uri(), md5(other), other);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("SignatureDoesNotMatch");
  }

  @Test
  void putObjectWritesAWholeObjectReadableBack() {
    byte[] metadata = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    lake.putObject("meta/x.metadata.json", metadata, "application/json");

    var read = s3.client().getObjectAsBytes(b -> b.bucket(s3.bucket()).key("meta/x.metadata.json"));
    assertThat(read.asByteArray()).isEqualTo(metadata);
    assertThat(read.response().contentType()).isEqualTo("application/json");
  }

  static HttpResponse<String> put(URI url, String contentMd5, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(url)
        .header("Content-MD5", contentMd5)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static String md5(byte[] body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
