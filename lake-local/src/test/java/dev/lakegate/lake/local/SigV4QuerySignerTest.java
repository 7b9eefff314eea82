package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The lake's SigV4 signer gives AWS's published example signature, and the AWS SDK's signer's
 * result (configured as the SDK's S3 presigner configures it) for every request it is given.
 */
class SigV4QuerySignerTest {
  private static final SigningCredentials CREDENTIALS =
      new SigningCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
  // Reserved, unreserved, multi-byte and supplementary characters and spaces (no lone surrogates:
  // keys refuse them, and the SDK's encoder drops a trailing one).
  private static final String ALPHABET = "aZ09-_.~ /+*%&=?#:@!$'(),;[]\"\\é€😀\t";

  @Test
  void givesTheSignatureOfAwsPublishedPresignedGetExample() {
    SigV4QuerySigner signer = new SigV4QuerySigner(CREDENTIALS);
    var request = new SigV4QuerySigner.Request(
        "GET", "/test.txt", Map.of(), Map.of("host", List.of("examplebucket.s3.amazonaws.com")));

    SigV4QuerySigner.Signed signed = signer.sign(request, Instant.parse("2013-05-24T00:00:00Z"), Duration.ofSeconds(86400));

    assertThat(signed.signature()).isEqualTo("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    assertThat(signed.authParameters()).containsExactly(
        Map.entry("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
        Map.entry("X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"),
        Map.entry("X-Amz-Date", "20130524T000000Z"),
        Map.entry("X-Amz-Expires", "86400"),
        Map.entry("X-Amz-SignedHeaders", "host"));
  }

  @Test
  void signsEveryRandomRequestAsTheSdkSignerDoes() {
    SigV4QuerySigner signer = new SigV4QuerySigner(CREDENTIALS);
    Random random = new Random(4);
    for (int i = 0; i < 500; i++) {
      String path = "/bucket/" + PercentEncoding.encode(text(random, 1 + random.nextInt(12)), true);
      Map<String, List<String>> query = new LinkedHashMap<>();
      for (int q = random.nextInt(4); q > 0; q--) {
        List<String> values = new ArrayList<>();
        for (int v = 1 + random.nextInt(2); v > 0; v--) {
          values.add(text(random, random.nextInt(6)));
        }
        query.put("p" + text(random, random.nextInt(4)), values);
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      headers.put("Host", List.of("127.0.0.1:" + (1024 + random.nextInt(60000))));
      headers.put("Content-MD5", List.of(spaced(random, "1B2M2Y8AsgTpgAmY7PhCfg==")));
      if (random.nextBoolean()) {
        headers.put("x-amz-meta-Note", List.of(spaced(random, text(random, 5)), spaced(random, "two  words")));
      }
      Instant at = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(400 * 86400));
      Duration validity = Duration.ofSeconds(1 + random.nextInt(604800));

      SigV4QuerySigner.Signed ours = signer.sign(new SigV4QuerySigner.Request("PUT", path, query, headers), at, validity);
      SdkHttpRequest sdk = signedBySdk(path, query, headers, at, validity);

      assertThat(ours.signature()).as("request %d: %s %s %s", i, path, query, headers)
          .isEqualTo(sdk.rawQueryParameters().get("X-Amz-Signature").get(0));
      ours.authParameters().forEach((name, value) ->
          assertThat(sdk.rawQueryParameters().get(name)).as(name).containsExactly(value));
    }
  }

  @Test
  void encodesEveryRandomTextAsTheSdkDoes() {
    Random random = new Random(9);
    for (int i = 0; i < 2000; i++) {
      String text = text(random, random.nextInt(20));

      assertThat(PercentEncoding.encode(text, false)).as(text).isEqualTo(SdkHttpUtils.urlEncode(text));
      assertThat(PercentEncoding.encode(text, true)).as(text).isEqualTo(SdkHttpUtils.urlEncodeIgnoreSlashes(text));
    }
  }

  @Test
  void signsWithTheKeyOfEachRequestsOwnDay() {
    SigV4QuerySigner signer = new SigV4QuerySigner(CREDENTIALS);
    var request = new SigV4QuerySigner.Request("PUT", "/b/k", Map.of(), Map.of("host", List.of("h")));
    Instant today = Instant.parse("2026-12-04T10:00:00Z");
    Instant yesterday = today.minus(Duration.ofDays(1));

    String first = signer.sign(request, today, Duration.ofMinutes(5)).signature();
    String other = signer.sign(request, yesterday, Duration.ofMinutes(5)).signature();
    String again = signer.sign(request, today, Duration.ofMinutes(5)).signature();

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first)
        .isEqualTo(new SigV4QuerySigner(CREDENTIALS).sign(request, yesterday, Duration.ofMinutes(5)).signature());
  }

  private static SdkHttpRequest signedBySdk(String path, Map<String, List<String>> query,
      Map<String, List<String>> headers, Instant at, Duration validity) {
    SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
        .method(SdkHttpMethod.PUT).protocol("https").host("lake.invalid").encodedPath(path);
    query.forEach(builder::putRawQueryParameter);
    headers.forEach(builder::putHeader);
    return AwsV4HttpSigner.create().sign(r -> r
            .identity(AwsCredentialsIdentity.create(CREDENTIALS.accessKeyId(), CREDENTIALS.secretKey()))
            .request(builder.build())
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
            .putProperty(AwsV4HttpSigner.REGION_NAME, CREDENTIALS.region())
            .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
            .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, validity)
            .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
            .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
            .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
        .request();
  }

  private static String text(Random random, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
    }
    return out.toString();
  }

  private static String spaced(Random random, String value) {
    return " ".repeat(random.nextInt(3)) + value + " ".repeat(random.nextInt(3));
  }
}
