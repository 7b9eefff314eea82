package dev.lakegate.lake.local;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Presigns S3 requests and recomputes their signatures, both with the AWS SDK's SigV4 signer in
 * query-string mode, configured as the SDK's S3 presigner is (service {@code s3}, unsigned payload,
 * no double URL encoding, no path normalization). Because one signer produces both sides, a URL this
 * class presigns and a request the SDK presigns with the same keys verify the same way. It knows
 * nothing of HTTP parsing or policy: {@link PresignedRequestVerifier} decides what to check.
 */
final class SigV4QuerySigner {
  static final String SERVICE = "s3";

  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final AwsCredentialsIdentity identity;
  private final String region;

  SigV4QuerySigner(SigningCredentials credentials) {
    this.identity = AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretKey());
    this.region = credentials.region();
  }

  /**
   * Signs a request for query authentication at the clock's instant.
   *
   * @param request the request as it will be sent: method, URL with its own query parameters, and
   *     the headers to sign (besides {@code host}, which the signer derives)
   * @return the request with the {@code X-Amz-*} parameters added
   */
  SdkHttpRequest sign(SdkHttpRequest request, Duration validity, Clock clock) {
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(identity)
                    .request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, validity)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    return signed.request();
  }

  /** A {@code PUT} of {@code encodedPath} on {@code base}, with query parameters and signed headers. */
  static SdkHttpRequest put(URI base, String encodedPath, Map<String, String> query, Map<String, String> headers) {
    SdkHttpRequest.Builder builder =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.PUT)
            .protocol(base.getScheme())
            .host(base.getHost())
            .port(base.getPort())
            .encodedPath(encodedPath);
    query.forEach(builder::putRawQueryParameter);
    headers.forEach(builder::putHeader);
    return builder.build();
  }

  /** A signing clock stopped at {@code instant}, to reproduce a signature made then. */
  static Clock stoppedAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  /** Compares two signatures in time independent of where they differ. */
  static boolean sameSignature(String expected, String received) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), received.getBytes(StandardCharsets.US_ASCII));
  }

  String accessKeyId() {
    return identity.accessKeyId();
  }

  String region() {
    return region;
  }

  /** The first value of a query parameter of a signed request, or empty. */
  static String queryValue(SdkHttpRequest request, String name) {
    List<String> values = request.rawQueryParameters().getOrDefault(name, List.of());
    return values.isEmpty() ? "" : values.get(0);
  }
}
