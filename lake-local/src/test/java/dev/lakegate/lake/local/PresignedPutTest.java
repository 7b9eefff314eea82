package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.core.testing.MutableClock;
import dev.lakegate.core.lake.PresignedUrl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A URL the lake presigns is accepted once as S3 would accept it, and the object lands whole. */
class PresignedPutTest {
  @TempDir Path dir;
  private final MutableClock clock = TestLake.clock();
  private FileSystemLake lake;

  @BeforeEach
  void open() throws Exception {
    lake = TestLake.open(dir, clock);
  }

  @AfterEach
  void close() {
    lake.close();
  }

  @Test
  void presignedUrlHasS3QueryAuthenticationForm() {
    PresignedUrl url = lake.presignPut("incoming/a.csv", TestLake.md5Base64(new byte[] {1}), Duration.ofMinutes(10));

    String query = url.uri().getRawQuery();
    assertThat(url.uri().getRawPath()).isEqualTo("/landing/incoming/a.csv");
    assertThat(query)
        .contains("X-Amz-Algorithm=AWS4-HMAC-SHA256")
        .contains("X-Amz-Credential=LAKEGATETESTKEY00001%2F20261124%2Fus-east-1%2Fs3%2Faws4_request")
        .contains("X-Amz-Date=20261124T100000Z")
        .contains("X-Amz-Expires=600")
        .contains("X-Amz-SignedHeaders=content-md5%3Bhost")
        .containsPattern("X-Amz-Signature=[0-9a-f]{64}");
    assertThat(url.expiresAt()).isEqualTo(TestLake.START.plusSeconds(600));
  }

  @Test
  void storesTheBodyAndAnswersWithQuotedHexMd5ETag() throws Exception {
    byte[] body = "id,name\n1,ada\n".getBytes(StandardCharsets.UTF_8);
    PresignedUrl url = lake.presignPut("incoming/a.csv", TestLake.md5Base64(body), Duration.ofMinutes(10));

    LakeResponse response = lake.endpoint().put(TestLake.put(url, TestLake.md5Base64(body), body));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers())
        .containsEntry("ETag", "\"" + java.util.HexFormat.of().formatHex(TestLake.md5(body)) + "\"");
    assertThat(Files.readAllBytes(dir.resolve("landing/incoming/a.csv"))).isEqualTo(body);
  }

  @Test
  void concurrentMidSizedBodiesEachLandWholeWithTheirOwnETag() throws Exception {
    TestLake.awaitBatchedMd5();
    int uploads = 24;
    List<byte[]> bodies = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < uploads; i++) {
      byte[] body = new byte[random.nextInt(16 * 1024, 200 * 1024)];
      random.nextBytes(body);
      bodies.add(body);
    }
    ExecutorService threads = Executors.newFixedThreadPool(uploads);
    try {
      List<Future<LakeResponse>> responses = new ArrayList<>();
      for (int i = 0; i < uploads; i++) {
        byte[] body = bodies.get(i);
        PresignedUrl url = lake.presignPut("incoming/" + i, TestLake.md5Base64(body), Duration.ofMinutes(10));
        responses.add(threads.submit(() -> lake.endpoint().put(TestLake.put(url, TestLake.md5Base64(body), body))));
      }
      for (int i = 0; i < uploads; i++) {
        LakeResponse response = responses.get(i).get();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers())
            .containsEntry("ETag", "\"" + java.util.HexFormat.of().formatHex(TestLake.md5(bodies.get(i))) + "\"");
        assertThat(dir.resolve("landing/incoming/" + i)).hasBinaryContent(bodies.get(i));
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void validityIsCappedAtSevenDays() {
    PresignedUrl url = lake.presignPut("k", TestLake.md5Base64(new byte[0]), Duration.ofDays(30));

    assertThat(url.uri().getRawQuery()).contains("X-Amz-Expires=604800");
  }
}
