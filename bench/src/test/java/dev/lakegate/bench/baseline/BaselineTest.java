package dev.lakegate.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  @TempDir
  Path dir;

  @Test
  void patternContentStreamsExactlyItsLengthWithTheAnnouncedMd5() throws Exception {
    PatternContent content = new PatternContent(3 * (1 << 20) + 17, new Random(7));
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    long total = 0;
    try (InputStream in = content.open()) {
      byte[] buffer = new byte[50_000];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        md5.update(buffer, 0, n);
        total += n;
      }
    }
    assertThat(total).isEqualTo(content.length());
    assertThat(Base64.getEncoder().encodeToString(md5.digest())).isEqualTo(content.contentMd5());
  }

  @Test
  void sameSeedGivesTheSameContent() {
    assertThat(new PatternContent(1000, new Random(1)).contentMd5())
        .isEqualTo(new PatternContent(1000, new Random(1)).contentMd5())
        .isNotEqualTo(new PatternContent(1000, new Random(2)).contentMd5());
  }

  @Test
  void fsyncedSmallFilesAreCountedAndLeftInOneScratchDirectory() throws Exception {
    Rate rate = new FsyncWrites(dir).smallFiles(new PatternContent(64 * 1024, new Random(1)), 2,
        Duration.ofSeconds(5), 20);

    assertThat(rate.perSecond()).isPositive();
    assertThat(rate.name()).contains("64 KiB").contains("2 threads");
    try (var left = Files.list(dir)) {
      Path scratch = left.collect(java.util.stream.Collectors.toList()).getFirst();
      assertThat(scratch.getFileName().toString()).startsWith("fsync-small-");
      try (var files = Files.list(scratch)) {
        assertThat(files).hasSize(20).allSatisfy(f -> assertThat(f).hasSize(64 * 1024));
      }
    }
  }

  @Test
  void fsyncedLargeFileRateIsInBytesAndTheFileIsRemoved() throws Exception {
    Rate rate = new FsyncWrites(dir).oneFile(new PatternContent(4L << 20, new Random(1)));

    assertThat(rate.perSecond()).isPositive();
    assertThat(rate.unit()).isEqualTo("bytes");
    assertThat(rate.name()).contains("4 MiB");
    try (var left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void md5AndRsaRatesArePositive() throws Exception {
    assertThat(new Md5Rate().measure(new PatternContent(8L << 20, new Random(1))).perSecond()).isPositive();
    assertThat(new RsaSigningRate(new SecureRandom()).measure(1, Duration.ofMillis(300)).perSecond()).isPositive();
  }

  @Test
  void measuresConscryptWhenGivenAsTheProvider() throws Exception {
    Rate rate = new RsaSigningRate(new SecureRandom(), java.util.Optional.of(org.conscrypt.Conscrypt.newProvider()))
        .measure(1, Duration.ofMillis(300));

    assertThat(rate.name()).startsWith("Conscrypt RS256");
    assertThat(rate.perSecond()).isPositive();
  }

  @Test
  void readsTheSignRateFromOpensslSpeedOutput() {
    String output = """
        version: 3.0.19
                          sign    verify    sign/s verify/s
        rsa 2048 bits 0.000744s 0.000057s   1344.1  17416.8
        """;
    assertThat(OpensslSpeed.parse(output)).contains(1344.1);
    assertThat(OpensslSpeed.parse("no rsa line here")).isEmpty();
  }

  @Test
  void bareServerStoresEachBodyAsANewFileAndAnswersItsEtag() throws Exception {
    byte[] body = new byte[64 * 1024];
    new Random(3).nextBytes(body);
    byte[] md5 = MessageDigest.getInstance("MD5").digest(body);
    HttpClient client = HttpClient.newHttpClient();
    try (BareDurablePut bare = BareDurablePut.start(dir)) {
      for (int n = 0; n < 3; n++) {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(bare.object(n))
            .header("Content-MD5", Base64.getEncoder().encodeToString(md5))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("ETag")).contains("\"" + HexFormat.of().formatHex(md5) + "\"");
      }
      assertThat(bare.stored()).isEqualTo(3);
    }
    try (var files = Files.list(onlyScratchDirectory())) {
      assertThat(files.toList()).hasSize(3).allSatisfy(f -> assertThat(Files.readAllBytes(f)).isEqualTo(body));
    }
  }

  @Test
  void bareServerRefusesABodyOfAnotherMd5AndStoresNothing() throws Exception {
    byte[] body = new byte[4096];
    try (BareDurablePut bare = BareDurablePut.start(dir)) {
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(bare.object(0))
          .header("Content-MD5", Base64.getEncoder().encodeToString(new byte[16]))
          .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(bare.stored()).isZero();
    }
    try (var files = Files.list(onlyScratchDirectory())) {
      assertThat(files).isEmpty();
    }
  }

  private Path onlyScratchDirectory() throws Exception {
    try (var entries = Files.list(dir)) {
      List<Path> all = entries.toList();
      assertThat(all).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).startsWith("bare-put-"));
      return all.getFirst();
    }
  }
}
