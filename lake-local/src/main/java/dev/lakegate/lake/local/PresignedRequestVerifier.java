package dev.lakegate.lake.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a received request against its SigV4 query authentication as S3 does, before any byte of
 * the body is read: the {@code X-Amz-*} parameters must parse (else 403, never 500), the lifetime
 * may not exceed 7 days, the URL must not be expired, and the signature recomputed by the lake's
 * signer over the received method, path, query (minus {@code X-Amz-Signature}) and signed headers'
 * received values must equal the one sent, compared in constant time. {@code host} and
 * {@code content-md5} must be among the signed headers, so the body's digest is bound to the URL.
 */
final class PresignedRequestVerifier {
  static final Duration MAX_VALIDITY = Duration.ofDays(7);
  // S3 accepts a request dated up to 15 minutes ahead of its clock.
  private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,7}");
  private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern HEADER_LIST = Pattern.compile("[a-z0-9-]+(;[a-z0-9-]+)*");
  private static final Set<String> REQUIRED_SIGNED_HEADERS = Set.of("host", "content-md5");

  private final SigV4QuerySigner signer;
  private final Clock clock;

  PresignedRequestVerifier(SigV4QuerySigner signer, Clock clock) {
    this.signer = signer;
    this.clock = clock;
  }

  /** What a received request offers for verification. */
  record Received(
      String method, String canonicalPath, Map<String, List<String>> query, LakeRequest request) {}

  /**
   * Accepts the request or throws.
   *
   * @throws S3ErrorException {@code AccessDenied}, {@code InvalidAccessKeyId} or
   *     {@code SignatureDoesNotMatch}, all 403
   */
  void verify(Received received) {
    Map<String, List<String>> query = received.query();
    String algorithm = single(query, SigV4QuerySigner.ALGORITHM_PARAMETER);
    if (!algorithm.equals(SigV4QuerySigner.ALGORITHM)) {
      throw malformed("unsupported X-Amz-Algorithm");
    }
    Instant signedAt = parseDate(single(query, SigV4QuerySigner.DATE));
    Duration validity = parseExpires(single(query, SigV4QuerySigner.EXPIRES));
    checkCredential(single(query, SigV4QuerySigner.CREDENTIAL), signedAt);
    String signedHeaders = single(query, SigV4QuerySigner.SIGNED_HEADERS);
    String signature = single(query, SigV4QuerySigner.SIGNATURE);
    checkTime(signedAt, validity);
    List<String> headerNames = parseSignedHeaders(signedHeaders);
    if (!SIGNATURE.matcher(signature).matches()) {
      throw mismatch("X-Amz-Signature is not 64 lower-case hex digits");
    }
    SigV4QuerySigner.Signed recomputed = signer.sign(unsigned(received, headerNames), signedAt, validity);
    for (Map.Entry<String, String> parameter : recomputed.authParameters().entrySet()) {
      // The signer writes these itself; if its values differ from the received ones, the URL was
      // altered in a way the recomputed signature would not notice.
      if (!parameter.getValue().equals(single(query, parameter.getKey()))) {
        throw mismatch(parameter.getKey() + " differs from its canonical form");
      }
    }
    if (!SigV4QuerySigner.sameSignature(recomputed.signature(), signature)) {
      throw mismatch("signature differs");
    }
  }

  /** The received request as the signer sees it: the query without the signer's own parameters. */
  private static SigV4QuerySigner.Request unsigned(Received received, List<String> headerNames) {
    Map<String, List<String>> query = new LinkedHashMap<>(received.query());
    query.remove(SigV4QuerySigner.SIGNATURE);
    SigV4QuerySigner.AUTH_PARAMETERS.forEach(query::remove);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : headerNames) {
      List<String> values = received.request().headerValues(name);
      if (values.isEmpty()) {
        throw mismatch("signed header " + name + " is missing from the request");
      }
      headers.put(name, values);
    }
    return new SigV4QuerySigner.Request(received.method(), received.canonicalPath(), query, headers);
  }

  private void checkCredential(String credential, Instant signedAt) {
    String[] scope = credential.split("/", -1);
    if (scope.length != 5
        || !scope[1].equals(SigV4QuerySigner.amzDate(signedAt).substring(0, 8))
        || !scope[3].equals(SigV4QuerySigner.SERVICE)
        || !scope[4].equals("aws4_request")) {
      throw malformed("X-Amz-Credential is malformed or its date differs from X-Amz-Date");
    }
    if (!scope[0].equals(signer.accessKeyId())) {
      throw new S3ErrorException(S3Error.INVALID_ACCESS_KEY_ID, "unknown access key id");
    }
    if (!scope[2].equals(signer.region())) {
      throw malformed("X-Amz-Credential names another region");
    }
  }

  private void checkTime(Instant signedAt, Duration validity) {
    Instant now = clock.instant();
    if (now.isBefore(signedAt.minus(MAX_CLOCK_SKEW))) {
      throw new S3ErrorException(S3Error.REQUEST_NOT_YET_VALID, "X-Amz-Date is in the future");
    }
    if (now.isAfter(signedAt.plus(validity))) {
      throw new S3ErrorException(S3Error.REQUEST_EXPIRED, "presigned URL expired");
    }
  }

  private static List<String> parseSignedHeaders(String signedHeaders) {
    if (!HEADER_LIST.matcher(signedHeaders).matches()) {
      throw malformed("X-Amz-SignedHeaders is malformed");
    }
    List<String> names = Arrays.asList(signedHeaders.split(";"));
    if (!names.containsAll(REQUIRED_SIGNED_HEADERS)) {
      throw mismatch("X-Amz-SignedHeaders lacks host or content-md5");
    }
    return names;
  }

  private static Instant parseDate(String value) {
    try {
      return LocalDateTime.parse(value, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw malformed("X-Amz-Date is not yyyyMMdd'T'HHmmss'Z'");
    }
  }

  private static Duration parseExpires(String value) {
    if (!DIGITS.matcher(value).matches()) {
      throw malformed("X-Amz-Expires is not a number of seconds");
    }
    long seconds = Long.parseLong(value);
    if (seconds < 1 || seconds > MAX_VALIDITY.toSeconds()) {
      throw malformed("X-Amz-Expires must be between 1 second and 7 days");
    }
    return Duration.ofSeconds(seconds);
  }

  private static String single(Map<String, List<String>> query, String name) {
    List<String> values = query.getOrDefault(name, List.of());
    if (values.size() != 1) {
      throw malformed(name + " must appear exactly once");
    }
    return values.get(0);
  }

  private static S3ErrorException malformed(String detail) {
    return new S3ErrorException(S3Error.MALFORMED_AUTHORIZATION, detail);
  }

  private static S3ErrorException mismatch(String detail) {
    return new S3ErrorException(S3Error.SIGNATURE_DOES_NOT_MATCH, detail);
  }
}
