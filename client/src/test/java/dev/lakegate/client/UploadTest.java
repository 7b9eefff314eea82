package dev.lakegate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.client.fake.FakeClients;
import dev.lakegate.client.fake.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UploadTest extends AgainstFakeLakegate {
  @Test
  void smallFileGoesInOnePutAndArrivesIdentical() throws IOException {
    Path file = TestFiles.random(dir.resolve("small.bin"), 300_000, 1);

    UploadResult result = client.upload(file);

    assertThat(fake.object(result.uuid())).isEqualTo(Files.readAllBytes(file));
    assertThat(fake.lakePuts()).isEqualTo(1);
    assertThat(result.bytes()).isEqualTo(300_000);
    assertThat(result.etag()).matches("[0-9a-f]{32}");
  }

  @Test
  void fileAboveTheThresholdGoesInPartsAndArrivesIdentical() throws IOException {
    Path file = TestFiles.random(dir.resolve("large.bin"), 17 * MIB + 3, 2);

    UploadResult result = client.upload(file);

    assertThat(fake.object(result.uuid())).isEqualTo(Files.readAllBytes(file));
    assertThat(fake.lakePuts()).isEqualTo(4);
    assertThat(result.etag()).endsWith("-4");
    assertThat(result.bytesSent()).isEqualTo(17 * MIB + 3);
  }

  @Test
  void fileOfExactlyTheThresholdGoesInOnePut() throws IOException {
    Path file = TestFiles.random(dir.resolve("edge.bin"), 5 * MIB, 3);

    client.upload(file);

    assertThat(fake.lakePuts()).isEqualTo(1);
  }

  @Test
  void emptyFileArrivesAsAnEmptyObject() throws IOException {
    Path file = Files.createFile(dir.resolve("empty.bin"));

    UploadResult result = client.upload(file);

    assertThat(fake.object(result.uuid())).isEmpty();
  }

  @Test
  void streamOfKnownLengthArrivesIdentical() throws IOException {
    byte[] bytes = Files.readAllBytes(TestFiles.random(dir.resolve("s.bin"), 11 * MIB, 4));

    UploadResult result = client.upload(new ByteArrayInputStream(bytes), bytes.length, "stream", UploadListener.NONE);

    assertThat(fake.object(result.uuid())).isEqualTo(bytes);
    assertThat(result.source()).isEqualTo("stream");
  }

  @Test
  void streamShorterThanDeclaredFailsWithoutCompleting() {
    byte[] bytes = new byte[6 * (int) MIB];

    assertThatThrownBy(() -> client.upload(new ByteArrayInputStream(bytes), 12 * MIB, "short", UploadListener.NONE))
        .isInstanceOfSatisfying(UploadException.class,
            e -> assertThat(e.failure()).isInstanceOf(UploadFailure.LocalInput.class))
        .hasMessageContaining("the stream ended in part 2");
    assertThat(fake.objectCount()).isZero();
  }

  @Test
  void directoryUploadsEveryFileBelowIt() throws IOException {
    for (int i = 0; i < 30; i++) {
      TestFiles.random(dir.resolve("tree").resolve("sub" + i % 3).resolve("f" + i), 1000 + i, i);
    }

    List<UploadOutcome> outcomes = client.uploadAll(List.of(dir.resolve("tree")), UploadListener.NONE);

    assertThat(outcomes).hasSize(30).allSatisfy(o -> assertThat(o).isInstanceOf(UploadOutcome.Uploaded.class));
    for (UploadOutcome outcome : outcomes) {
      UploadResult result = ((UploadOutcome.Uploaded) outcome).result();
      assertThat(fake.object(result.uuid())).isEqualTo(Files.readAllBytes(Path.of(result.source())));
    }
  }

  @Test
  void aMissingFileFailsAloneAndTheOthersArrive() throws IOException {
    Path good = TestFiles.random(dir.resolve("good"), 10, 1);

    List<UploadOutcome> outcomes = client.uploadAll(List.of(dir.resolve("missing"), good), UploadListener.NONE);

    assertThat(outcomes.get(0)).isInstanceOfSatisfying(UploadOutcome.Failed.class,
        f -> assertThat(f.error().failure()).isInstanceOf(UploadFailure.LocalInput.class));
    assertThat(outcomes.get(1)).isInstanceOf(UploadOutcome.Uploaded.class);
  }

  @Test
  void sendsTheConfiguredExtraQueryParameters() throws IOException {
    fake.requireParameters(Set.of("source"));
    Path file = TestFiles.random(dir.resolve("p.bin"), 12 * MIB, 5);
    try (LakegateClient withParam = FakeClients.client(fake, dir.resolve("state"))
        .queryParameters(Map.of("source", "erp")).build()) {

      UploadResult result = withParam.upload(file);

      assertThat(fake.object(result.uuid())).isEqualTo(Files.readAllBytes(file));
    }
  }

  @Test
  void aMissingRequiredParameterFailsAtOnceWithTheServersMessage() throws IOException {
    fake.requireParameters(Set.of("source"));
    Path file = TestFiles.random(dir.resolve("p.bin"), 100, 5);

    assertThatThrownBy(() -> client.upload(file))
        .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.failure())
            .isEqualTo(new UploadFailure.Rejected("unipart", 400, "Missing required request parameters: [source]")));
  }

  @Test
  void reportsProgressThatAddsUpToTheFileSize() throws IOException {
    Path file = TestFiles.random(dir.resolve("progress.bin"), 13 * MIB, 6);
    AtomicLong sent = new AtomicLong();

    client.upload(file, new UploadListener() {
      @Override
      public void bytesSent(long bytes) {
        sent.addAndGet(bytes);
      }
    });

    assertThat(sent).hasValue(13 * MIB);
  }

  @Test
  void settingsOutOfRangeAreRefusedNamingEachProblem() {
    assertThatThrownBy(() -> UploadSettings.defaults().withPartSize(5 * MIB - 1).withParallelism(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("part size must be between 5 MiB and 5 GiB");
    assertThatThrownBy(() -> UploadSettings.defaults().withParallelism(0))
        .hasMessageContaining("parallelism must be between 1 and 64");
  }
}
