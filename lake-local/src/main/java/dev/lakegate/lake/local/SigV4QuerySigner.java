package dev.lakegate.lake.local;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * SigV4 query authentication for S3, as AWS publishes it ("Authenticating Requests: Using Query
 * Parameters"): the canonical request (method, encoded path as given, sorted encoded query, sorted
 * signed headers, {@code UNSIGNED-PAYLOAD}), its SHA-256 in the string to sign, and an HMAC chain
 * over the day, region and service. It signs as the AWS SDK's S3 presigner does (no double URL
 * encoding, no path normalization), so a URL it presigns equals the SDK's for the same request and
 * instant, and one instance produces both the lake's URLs and the signatures its verifier
 * recomputes. It knows nothing of HTTP parsing or policy: {@link PresignedRequestVerifier} decides
 * what to check.
 */
// Written by hand: the SDK's general signer cost ~20 µs per URL, an eighth of a unipart request's CPU.
final class SigV4QuerySigner {
  static final String SERVICE = "s3";
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  // The query parameters of a presigned URL, which the verifier reads back by the same names.
  static final String ALGORITHM_PARAMETER = "X-Amz-Algorithm";
  static final String CREDENTIAL = "X-Amz-Credential";
  static final String DATE = "X-Amz-Date";
  static final String EXPIRES = "X-Amz-Expires";
  static final String SIGNED_HEADERS = "X-Amz-SignedHeaders";
  static final String SIGNATURE = "X-Amz-Signature";
  /** The parameters the signer writes besides the signature, in the order they appear in a URL. */
  static final List<String> AUTH_PARAMETERS = List.of(ALGORITHM_PARAMETER, CREDENTIAL, DATE, EXPIRES, SIGNED_HEADERS);

  private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final String HMAC = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();
  private static final MessageDigest SHA_256 = sha256();

  private final String accessKeyId;
  private final byte[] dayKeySeed;
  private final String region;
  private volatile @Nullable DayKey dayKey;

  /**
   * What a signature binds.
   *
   * @param encodedPath the path as sent, already percent-encoded
   * @param query the decoded query parameters, without the signer's own {@code X-Amz-*} ones
   * @param headers the headers to sign, {@code host} among them, with their values as sent
   */
  record Request(String method, String encodedPath, Map<String, List<String>> query, Map<String, List<String>> headers) {}

  /** A signature, and the parameters besides it that a URL must carry for it to verify. */
  record Signed(Map<String, String> authParameters, String signature) {}

  /** The signing key of one UTC day, as a MAC ready to be copied for each signature. */
  private record DayKey(String day, Mac mac) {}

  SigV4QuerySigner(SigningCredentials credentials) {
    this.accessKeyId = credentials.accessKeyId();
    this.dayKeySeed = ("AWS4" + credentials.secretKey()).getBytes(StandardCharsets.UTF_8);
    this.region = credentials.region();
  }

  /** Signs {@code request} as made at {@code signedAt}, valid for {@code validity}. */
  Signed sign(Request request, Instant signedAt, Duration validity) {
    String amzDate = amzDate(signedAt);
    String day = amzDate.substring(0, 8);
    String scope = day + "/" + region + "/" + SERVICE + "/aws4_request";
    TreeMap<String, String> headers = canonicalHeaders(request.headers());
    String signedHeaders = String.join(";", headers.keySet());
    Map<String, String> auth = new LinkedHashMap<>();
    auth.put(ALGORITHM_PARAMETER, ALGORITHM);
    auth.put(CREDENTIAL, accessKeyId + "/" + scope);
    auth.put(DATE, amzDate);
    auth.put(EXPIRES, Long.toString(validity.toSeconds()));
    auth.put(SIGNED_HEADERS, signedHeaders);

    StringBuilder canonical = new StringBuilder(512)
        .append(request.method()).append('\n')
        .append(request.encodedPath().isEmpty() ? "/" : request.encodedPath()).append('\n');
    appendCanonicalQuery(canonical, request.query(), auth);
    canonical.append('\n');
    headers.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
    canonical.append('\n').append(signedHeaders).append('\n').append(UNSIGNED_PAYLOAD);

    String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
        + HEX.formatHex(copy(SHA_256).digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] signature = macOf(day).doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
    return new Signed(auth, HEX.formatHex(signature));
  }

  /**
   * A presigned {@code PUT} URL on {@code base}: its path, its own query parameters, and the
   * signature over them, {@code Content-MD5} and the other {@code headers}, and {@code host}.
   */
  String presignPut(URI base, String encodedPath, Map<String, String> query, Map<String, String> headers,
      Instant signedAt, Duration validity) {
    String host = hostHeader(base);
    Map<String, List<String>> signedHeaders = new LinkedHashMap<>();
    headers.forEach((name, value) -> signedHeaders.put(name, List.of(value)));
    signedHeaders.put("host", List.of(host));
    Map<String, List<String>> ownQuery = new LinkedHashMap<>();
    query.forEach((name, value) -> ownQuery.put(name, List.of(value)));
    Signed signed = sign(new Request("PUT", encodedPath, ownQuery, signedHeaders), signedAt, validity);

    StringBuilder url = new StringBuilder(512)
        .append(base.getScheme()).append("://").append(host).append(encodedPath).append('?');
    query.forEach((name, value) -> appendParameter(url, name, value));
    signed.authParameters().forEach((name, value) -> appendParameter(url, name, value));
    url.append(SIGNATURE).append('=').append(signed.signature());
    return url.toString();
  }

  /** Compares two signatures in time independent of where they differ. */
  static boolean sameSignature(String expected, String received) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), received.getBytes(StandardCharsets.US_ASCII));
  }

  String accessKeyId() {
    return accessKeyId;
  }

  String region() {
    return region;
  }

  /** The {@code Host} header a client sends to {@code base}: the port only when not the scheme's own. */
  static String hostHeader(URI base) {
    int port = base.getPort();
    boolean standard = port == -1
        || (port == 80 && base.getScheme().equalsIgnoreCase("http"))
        || (port == 443 && base.getScheme().equalsIgnoreCase("https"));
    return standard ? base.getHost() : base.getHost() + ":" + port;
  }

  /** Lower-case names, sorted; each value trimmed with inner runs of spaces made one, values joined by commas. */
  private static TreeMap<String, String> canonicalHeaders(Map<String, List<String>> headers) {
    TreeMap<String, List<String>> byName = new TreeMap<>();
    headers.forEach((name, values) ->
        byName.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
    TreeMap<String, String> canonical = new TreeMap<>();
    byName.forEach((name, values) -> {
      StringBuilder joined = new StringBuilder();
      for (String value : values) {
        if (!joined.isEmpty()) {
          joined.append(',');
        }
        appendTrimmed(joined, value);
      }
      canonical.put(name, joined.toString());
    });
    return canonical;
  }

  private static void appendTrimmed(StringBuilder out, String value) {
    int start = 0;
    int end = value.length();
    while (start < end && Character.isWhitespace(value.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
      end--;
    }
    boolean inSpace = false;
    for (int i = start; i < end; i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c)) {
        inSpace = true;
        continue;
      }
      if (inSpace) {
        out.append(' ');
        inSpace = false;
      }
      out.append(c);
    }
  }

  /** Every parameter, name and value encoded, sorted by encoded name and then value. */
  private static void appendCanonicalQuery(StringBuilder out, Map<String, List<String>> query, Map<String, String> auth) {
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    query.forEach((name, values) -> {
      List<String> encoded = sorted.computeIfAbsent(PercentEncoding.encode(name, false), n -> new ArrayList<>());
      for (String value : values) {
        encoded.add(PercentEncoding.encode(value, false));
      }
    });
    auth.forEach((name, value) -> sorted.put(name, List.of(PercentEncoding.encode(value, false))));
    boolean first = true;
    for (Map.Entry<String, List<String>> parameter : sorted.entrySet()) {
      List<String> values = new ArrayList<>(parameter.getValue());
      values.sort(null);
      for (String value : values) {
        if (!first) {
          out.append('&');
        }
        first = false;
        out.append(parameter.getKey()).append('=').append(value);
      }
    }
  }

  private static void appendParameter(StringBuilder url, String name, String value) {
    url.append(PercentEncoding.encode(name, false)).append('=').append(PercentEncoding.encode(value, false)).append('&');
  }

  private Mac macOf(String day) {
    DayKey current = dayKey;
    if (current == null || !current.day().equals(day)) {
      current = new DayKey(day, signingKey(day));
      // A request signed on another day (a verification of yesterday's URL) replaces today's key
      // only for the moment; either way each signature uses the key of its own day.
      dayKey = current;
    }
    return copy(current.mac());
  }

  /** HMAC("AWS4" + secret, day) → region → service → "aws4_request", as a MAC keyed with the result. */
  private Mac signingKey(String day) {
    byte[] key = dayKeySeed;
    for (String part : List.of(day, region, SERVICE, "aws4_request")) {
      key = mac(key).doFinal(part.getBytes(StandardCharsets.UTF_8));
    }
    return mac(key);
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  // Copies of a keyed MAC or a digest that nothing updates after set-up, so copying one from several
  // threads at once only reads it; far cheaper than a provider lookup and key set-up per signature.
  private static Mac copy(Mac prototype) {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JCA provider's HmacSHA256 cannot be copied", e);
    }
  }

  private static MessageDigest copy(MessageDigest prototype) {
    try {
      return (MessageDigest) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JCA provider's SHA-256 cannot be copied", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /** {@code yyyyMMdd'T'HHmmss'Z'} in UTC. */
  // By hand: a DateTimeFormatter costs a microsecond per URL for fourteen digits.
  static String amzDate(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    char[] out = new char[16];
    digits(out, 0, t.getYear(), 4);
    digits(out, 4, t.getMonthValue(), 2);
    digits(out, 6, t.getDayOfMonth(), 2);
    out[8] = 'T';
    digits(out, 9, t.getHour(), 2);
    digits(out, 11, t.getMinute(), 2);
    digits(out, 13, t.getSecond(), 2);
    out[15] = 'Z';
    return new String(out);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
