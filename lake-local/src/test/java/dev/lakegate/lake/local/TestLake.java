package dev.lakegate.lake.local;

import dev.lakegate.core.testing.MutableClock;
import dev.lakegate.core.config.StandaloneConfig;
import dev.lakegate.core.lake.PresignedUrl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/** Fixtures: a lake in a temporary directory with fixed keys and a hand-moved clock, and requests as a client sends them. */
final class TestLake {
  static final String BUCKET = "landing";
  static final URI BASE_URL = URI.create("http://127.0.0.1:8443");
  static final SigningCredentials CREDENTIALS =
      new SigningCredentials("LAKEGATETESTKEY00001", "test-secret-key-of-the-local-lake", "us-east-1");
  static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

  private TestLake() {}

  static FileSystemLake open(Path dir, MutableClock clock) throws IOException {
    return open(dir, clock, Duration.ofDays(7));
  }

  static FileSystemLake open(Path dir, MutableClock clock, Duration abandonedAge) throws IOException {
    StandaloneConfig.LocalLake settings = new StandaloneConfig.LocalLake(dir, abandonedAge);
    return FileSystemLake.open(
        new FileSystemLakeSettings(settings, BUCKET, BASE_URL, CREDENTIALS), clock, new Random(42));
  }

  /** A lake whose file system flush is {@code flush} (empty: files are fsynced one by one, as where there is none). */
  static FileSystemLake open(Path dir, MutableClock clock, Optional<Checkpointer.FileSystemFlush> flush) throws IOException {
    StandaloneConfig.LocalLake settings = new StandaloneConfig.LocalLake(dir, Duration.ofDays(7));
    return FileSystemLake.open(
        new FileSystemLakeSettings(settings, BUCKET, BASE_URL, CREDENTIALS), clock, new Random(42), flush);
  }

  /** Waits until mid-sized bodies are hashed in batches: until then each is hashed at once. */
  static void awaitBatchedMd5() throws InterruptedException {
    BatchedMd5 md5 = BatchedMd5.shared().orElseThrow(
        () -> new AssertionError("the tests run with jdk.incubator.vector on a CPU of 8 lanes or more"));
    // The warm-up's own limit and three of the checks after it, on a machine slowed that much.
    awaitWarm(md5, BatchedMd5.WARM_UP_LIMIT.plus(BatchedMd5.RECHECK_INTERVAL.multipliedBy(3)).plusSeconds(10));
  }

  /** Waits until {@code md5} takes bodies in batches; fails after {@code patience}. */
  static void awaitWarm(BatchedMd5 md5, Duration patience) throws InterruptedException {
    for (long end = System.nanoTime() + patience.toNanos(); !md5.warm(); ) {
      if (System.nanoTime() > end) {
        throw new AssertionError("the batched MD5 did not warm up within " + patience);
      }
      Thread.sleep(10);
    }
  }

  static MutableClock clock() {
    return new MutableClock(START);
  }

  static String md5Base64(byte[] content) {
    return Base64.getEncoder().encodeToString(md5(content));
  }

  static byte[] md5(byte[] content) {
    try {
      return MessageDigest.getInstance("MD5").digest(content);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A {@code PUT} of {@code url} as an HTTP client sends it: Host from the URL, the given Content-MD5 and body. */
  static LakeRequest put(URI url, String contentMd5, byte[] body) {
    return put(url, headers(url, contentMd5), body.length, new ByteArrayInputStream(body));
  }

  static LakeRequest put(PresignedUrl url, String contentMd5, byte[] body) {
    return put(url.uri(), contentMd5, body);
  }

  static Map<String, List<String>> headers(URI url, String contentMd5) {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("Host", List.of(url.getRawAuthority()));
    headers.put("Content-MD5", List.of(contentMd5));
    return headers;
  }

  static LakeRequest put(URI url, Map<String, List<String>> headers, long length, InputStream body) {
    return new LakeRequest(
        "PUT",
        url.getRawPath(),
        url.getRawQuery() == null ? "" : url.getRawQuery(),
        headers,
        OptionalLong.of(length),
        body,
        "req-1");
  }

  /** Replaces one query parameter's raw value in a URL. */
  static URI withQueryParameter(URI url, String name, String rawValue) {
    StringBuilder query = new StringBuilder();
    for (String pair : url.getRawQuery().split("&", -1)) {
      String n = pair.substring(0, pair.indexOf('='));
      query.append(query.isEmpty() ? "" : "&").append(n.equals(name) ? n + "=" + rawValue : pair);
    }
    return URI.create(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath() + "?" + query);
  }

  static String errorCode(LakeResponse response) {
    String xml = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    int start = xml.indexOf("<Code>") + "<Code>".length();
    return xml.substring(start, xml.indexOf("</Code>"));
  }
}
