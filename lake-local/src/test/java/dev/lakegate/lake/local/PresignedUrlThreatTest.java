package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.core.testing.MutableClock;
import dev.lakegate.core.lake.PresignedUrl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat: a partner (or anyone holding a URL) alters it, replays it late, or sends a body other
 * than the one whose MD5 was signed. Each attempt must be refused with S3's code and leave nothing
 * in the bucket or the staging directory.
 */
class PresignedUrlThreatTest {
  private static final byte[] BODY = "the signed content".getBytes(StandardCharsets.UTF_8);
  private static final String MD5 = TestLake.md5Base64(BODY);

  @TempDir Path dir;
  private final MutableClock clock = TestLake.clock();
  private FileSystemLake lake;
  private PresignedUrl url;

  @BeforeEach
  void open() throws Exception {
    lake = TestLake.open(dir, clock);
    url = lake.presignPut("incoming/obj", MD5, Duration.ofMinutes(10));
  }

  @AfterEach
  void close() {
    lake.close();
  }

  private LakeResponse send(URI target, String contentMd5, byte[] body) {
    return lake.endpoint().put(TestLake.put(target, contentMd5, body));
  }

  private void assertRefused(LakeResponse response, int status, String code) throws IOException {
    assertThat(response.status()).isEqualTo(status);
    assertThat(TestLake.errorCode(response)).isEqualTo(code);
    assertThat(response.headers()).containsEntry("Content-Type", "application/xml");
    assertThat(storedFiles()).isEmpty();
  }

  private List<Path> storedFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      // The empty journal segment is the lake's own bookkeeping, not a stored object.
      return files.filter(Files::isRegularFile).filter(f -> !f.startsWith(dir.resolve(".lakegate/journal"))).toList();
    }
  }

  @Test
  void rejectsTamperedSignature() throws Exception {
    String query = url.uri().getRawQuery();
    String signature = query.substring(query.indexOf("X-Amz-Signature=") + 16);
    String flipped = (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1);

    assertRefused(send(TestLake.withQueryParameter(url.uri(), "X-Amz-Signature", flipped), MD5, BODY), 403, "SignatureDoesNotMatch");
  }

  @Test
  void rejectsChangedKey() throws Exception {
    URI other = URI.create(url.uri().toString().replace("/incoming/obj?", "/incoming/other?"));

    assertRefused(send(other, MD5, BODY), 403, "SignatureDoesNotMatch");
  }

  @Test
  void rejectsChangedPartNumber() throws Exception {
    String uploadId = lake.startMultipart("incoming/big", "client-1");
    PresignedUrl part = lake.presignPart("incoming/big", uploadId, 1, MD5, Duration.ofMinutes(10));

    LakeResponse response = send(TestLake.withQueryParameter(part.uri(), "partNumber", "2"), MD5, BODY);

    assertThat(response.status()).isEqualTo(403);
    assertThat(TestLake.errorCode(response)).isEqualTo("SignatureDoesNotMatch");
    assertThat(lake.listParts("incoming/big", uploadId)).isEmpty();
  }

  @Test
  void rejectsAddedQueryParameter() throws Exception {
    URI extended = URI.create(url.uri() + "&partNumber=1&uploadId=x");

    assertRefused(send(extended, MD5, BODY), 403, "SignatureDoesNotMatch");
  }

  @Test
  void rejectsExpiredUrlWithAccessDenied() throws Exception {
    clock.advance(Duration.ofSeconds(601));

    assertRefused(send(url.uri(), MD5, BODY), 403, "AccessDenied");
  }

  @Test
  void acceptsUrlOnTheLastSecondOfItsValidity() throws Exception {
    clock.advance(Duration.ofMinutes(10));

    assertThat(send(url.uri(), MD5, BODY).status()).isEqualTo(200);
  }

  @Test
  void rejectsExpiryOverSevenDaysWith403() throws Exception {
    assertRefused(send(TestLake.withQueryParameter(url.uri(), "X-Amz-Expires", "604801"), MD5, BODY), 403, "AccessDenied");
  }

  @Test
  void rejectsUnparsableExpiryWith403() throws Exception {
    assertRefused(send(TestLake.withQueryParameter(url.uri(), "X-Amz-Expires", "soon"), MD5, BODY), 403, "AccessDenied");
  }

  @Test
  void rejectsUnparsableDateWith403() throws Exception {
    assertRefused(send(TestLake.withQueryParameter(url.uri(), "X-Amz-Date", "20261324T100000Z"), MD5, BODY), 403, "AccessDenied");
  }

  @Test
  void rejectsMissingAuthenticationParameterWith403() throws Exception {
    URI stripped = URI.create(url.uri().toString().replaceAll("X-Amz-Credential=[^&]*&?", ""));

    assertRefused(send(stripped, MD5, BODY), 403, "AccessDenied");
  }

  @Test
  void rejectsUnknownAccessKey() throws Exception {
    String credential = "OTHERKEY%2F20261124%2Fus-east-1%2Fs3%2Faws4_request";

    assertRefused(send(TestLake.withQueryParameter(url.uri(), "X-Amz-Credential", credential), MD5, BODY), 403, "InvalidAccessKeyId");
  }

  @Test
  void rejectsMissingContentMd5AsSignatureMismatch() throws Exception {
    Map<String, List<String>> headers = new java.util.HashMap<>(TestLake.headers(url.uri(), MD5));
    headers.remove("Content-MD5");

    LakeResponse response =
        lake.endpoint().put(TestLake.put(url.uri(), headers, BODY.length, new ByteArrayInputStream(BODY)));

    assertRefused(response, 403, "SignatureDoesNotMatch");
  }

  @Test
  void rejectsContentMd5OtherThanTheSignedOne() throws Exception {
    byte[] otherBody = "other content".getBytes(StandardCharsets.UTF_8);

    assertRefused(send(url.uri(), TestLake.md5Base64(otherBody), otherBody), 403, "SignatureDoesNotMatch");
  }

  @Test
  void rejectsBodyWhoseMd5DiffersWithBadDigestAndStoresNothing() throws Exception {
    byte[] tampered = "the signed contenT".getBytes(StandardCharsets.UTF_8);

    assertRefused(send(url.uri(), MD5, tampered), 400, "BadDigest");
  }

  @Test
  void rejectsMidSizedBodyWhoseMd5DiffersWithBadDigestAndStoresNothing() throws Exception {
    // Mid-sized bodies are hashed in batches while their uploads wait for the disk; the check still
    // comes before the rename.
    TestLake.awaitBatchedMd5();
    byte[] signed = new byte[64 * 1024];
    new java.util.SplittableRandom(1).nextBytes(signed);
    byte[] tampered = signed.clone();
    tampered[40_000] ^= 1;
    PresignedUrl midSized = lake.presignPut("incoming/mid", TestLake.md5Base64(signed), Duration.ofMinutes(10));

    assertRefused(send(midSized.uri(), TestLake.md5Base64(signed), tampered), 400, "BadDigest");
  }

  @Test
  void rejectsMalformedContentMd5WithInvalidDigest() throws Exception {
    PresignedUrl malformed = lake.presignPut("incoming/obj", "not-base64!", Duration.ofMinutes(10));

    assertRefused(send(malformed.uri(), "not-base64!", BODY), 400, "InvalidDigest");
  }

  @Test
  void cutOffBodyStoresNothing() throws Exception {
    InputStream truncated = new ByteArrayInputStream(BODY, 0, BODY.length - 3);

    LakeResponse response =
        lake.endpoint().put(TestLake.put(url.uri(), TestLake.headers(url.uri(), MD5), BODY.length, truncated));

    assertRefused(response, 400, "IncompleteBody");
  }

  @Test
  void bodyLongerThanContentLengthStoresNothing() throws Exception {
    byte[] longer = (new String(BODY, StandardCharsets.UTF_8) + "more").getBytes(StandardCharsets.UTF_8);

    LakeResponse response =
        lake.endpoint()
            .put(TestLake.put(url.uri(), TestLake.headers(url.uri(), MD5), BODY.length, new ByteArrayInputStream(longer)));

    assertRefused(response, 400, "InvalidRequest");
  }

  @Test
  void missingContentLengthGets411() throws Exception {
    LakeRequest request =
        new LakeRequest("PUT", url.uri().getRawPath(), url.uri().getRawQuery(), TestLake.headers(url.uri(), MD5),
            java.util.OptionalLong.empty(), new ByteArrayInputStream(BODY), "req-3");

    assertRefused(lake.endpoint().put(request), 411, "MissingContentLength");
  }

  @Test
  void rejectsUrlDatedInTheFuture() throws Exception {
    PresignedUrl early = url;
    clock.advance(Duration.ofMinutes(-16));

    assertRefused(send(early.uri(), MD5, BODY), 403, "AccessDenied");
  }

  @Test
  void putUnderAnExistingObjectIsInvalidArgument() throws Exception {
    assertThat(send(url.uri(), MD5, BODY).status()).isEqualTo(200);
    PresignedUrl below = lake.presignPut("incoming/obj/child", MD5, Duration.ofMinutes(10));

    LakeResponse response = send(below.uri(), MD5, BODY);

    assertThat(response.status()).isEqualTo(400);
    assertThat(TestLake.errorCode(response)).isEqualTo("InvalidArgument");
    assertThat(dir.resolve("landing/incoming/obj")).isRegularFile().hasBinaryContent(BODY);
  }

  @Test
  void brokenConnectionMidBodyStoresNothing() throws Exception {
    InputStream breaking =
        new InputStream() {
          private int sent;

          @Override
          public int read() throws IOException {
            if (sent++ < 5) {
              return 'x';
            }
            throw new IOException("connection reset");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int c = read();
            b[off] = (byte) c;
            return 1;
          }
        };

    LakeResponse response =
        lake.endpoint().put(TestLake.put(url.uri(), TestLake.headers(url.uri(), MD5), BODY.length, breaking));

    assertRefused(response, 400, "IncompleteBody");
  }

  @Test
  void signatureIsCheckedBeforeTheBodyIsRead() throws Exception {
    InputStream unreadable =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("the body was read before the signature was checked");
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return read();
          }
        };
    URI other = URI.create(url.uri().toString().replace("/incoming/obj?", "/incoming/other?"));

    LakeResponse response = lake.endpoint().put(TestLake.put(other, TestLake.headers(other, MD5), BODY.length, unreadable));

    assertRefused(response, 403, "SignatureDoesNotMatch");
  }

  @Test
  void otherMethodsGetMethodNotAllowed() {
    LakeRequest get =
        new LakeRequest("GET", url.uri().getRawPath(), url.uri().getRawQuery(), Map.of(), java.util.OptionalLong.empty(),
            InputStream.nullInputStream(), "req-2");

    LakeResponse response = lake.endpoint().handle(get);

    assertThat(response.status()).isEqualTo(405);
    assertThat(TestLake.errorCode(response)).isEqualTo("MethodNotAllowed");
  }

  @Test
  void errorBodyIsS3XmlWithResourceAndRequestId() {
    clock.advance(Duration.ofHours(1));

    String xml = new String(send(url.uri(), MD5, BODY).body(), StandardCharsets.UTF_8);

    assertThat(xml)
        .startsWith("<?xml")
        .contains("<Error><Code>AccessDenied</Code><Message>Request has expired</Message>")
        .contains("<Resource>/landing/incoming/obj</Resource><RequestId>req-1</RequestId></Error>");
  }
}
