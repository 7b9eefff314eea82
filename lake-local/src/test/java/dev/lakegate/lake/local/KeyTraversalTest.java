package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.core.testing.MutableClock;
import dev.lakegate.core.lake.LakeException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Threat: a key that names a path outside the bucket directory (or into the lake's own state)
 * writes where it must not. Such keys are refused when presigning, and a request carrying one,
 * even correctly signed with the lake's keys, is refused with 400 and writes nothing.
 */
class KeyTraversalTest {
  private static final byte[] BODY = "x".getBytes(StandardCharsets.UTF_8);
  private static final String MD5 = TestLake.md5Base64(BODY);

  @TempDir Path dir;
  private final MutableClock clock = TestLake.clock();
  private FileSystemLake lake;

  @BeforeEach
  void open() throws Exception {
    lake = TestLake.open(dir.resolve("lake"), clock);
  }

  @AfterEach
  void close() {
    lake.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/../../x", "a//b", "/abs", "a/./b", "a/", "", "a\\b", "a\u0000b", "a\nb", "..", ".", "a\ud800b", "a\udc00", "z\ud800"})
  void presignRefusesOddKeys(String key) {
    assertThatThrownBy(() -> lake.presignPut(key, MD5, Duration.ofMinutes(10)))
        .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(LakeException.Reason.INVALID_KEY));
  }

  @Test
  void acceptsKeyWithCharactersBeyondTheBasicPlane() {
    String key = "incoming/\ud83d\ude00 report.csv";

    assertThat(lake.presignPut(key, MD5, Duration.ofMinutes(1)).uri().getRawPath())
        .isEqualTo("/landing/incoming/%F0%9F%98%80%20report.csv");
  }

  @Test
  void presignRefusesKeyOver1024Bytes() {
    assertThatThrownBy(() -> lake.presignPut("k".repeat(1025), MD5, Duration.ofMinutes(10)))
        .isInstanceOf(LakeException.class);
  }

  @Test
  void acceptsKeyOfExactly1024Bytes() {
    assertThat(lake.presignPut("k".repeat(1024), MD5, Duration.ofMinutes(10)).uri()).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/landing/../x", "/landing/a/../../x", "/landing/a//b", "/landing/%2e%2e/x", "/landing/a/%2E%2E/%2e%2e/x", "/landing/a%2f..%2f..%2fx", "/landing/a%5cb"})
  void signedRequestWithTraversalPathIsRefusedAndWritesNothing(String rawPath) throws Exception {
    URI url = signedWithLakeKeys(rawPath);

    LakeResponse response = lake.endpoint().put(TestLake.put(url, MD5, BODY));

    assertThat(response.status()).isEqualTo(400);
    assertThat(TestLake.errorCode(response)).isEqualTo("InvalidArgument");
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).filter(f -> !f.startsWith(dir.resolve("lake/.lakegate/journal"))))
          .isEmpty();
    }
  }

  @Test
  void signedRequestWithTooLongKeyGetsKeyTooLongError() {
    URI url = signedWithLakeKeys("/landing/" + "k".repeat(1025));

    LakeResponse response = lake.endpoint().put(TestLake.put(url, MD5, BODY));

    assertThat(response.status()).isEqualTo(400);
    assertThat(TestLake.errorCode(response)).isEqualTo("KeyTooLongError");
  }

  @Test
  void keysCannotReachTheStateDirectory() {
    URI url = signedWithLakeKeys("/.lakegate/multipart/x");

    LakeResponse response = lake.endpoint().put(TestLake.put(url, MD5, BODY));

    assertThat(response.status()).isEqualTo(404);
    assertThat(TestLake.errorCode(response)).isEqualTo("NoSuchBucket");
  }

  /** Signs an arbitrary raw path with the lake's own keys, as an attacker holding them could. */
  private URI signedWithLakeKeys(String rawPath) {
    SigV4QuerySigner signer = new SigV4QuerySigner(TestLake.CREDENTIALS);
    return URI.create(
        signer.presignPut(TestLake.BASE_URL, rawPath, Map.of(), Map.of("Content-MD5", MD5), clock.instant(), Duration.ofMinutes(10)));
  }
}
