package dev.lakegate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.client.fake.FakeClients;
import dev.lakegate.client.fake.FakeLakegate;
import dev.lakegate.client.fake.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {
  private static final long MIB = UploadSettings.MIB;

  @TempDir Path dir;
  private FakeLakegate fake;
  private Path state;

  @BeforeEach
  void start() throws IOException {
    fake = FakeLakegate.start();
    state = dir.resolve("state");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void anInterruptedMultipartUploadContinuesWhereItStopped() throws IOException {
    Path file = TestFiles.random(dir.resolve("big.bin"), 31 * MIB, 1);
    failFromThePutAfter(3, file);

    fake.failPuts(n -> false);
    UploadResult second = upload(file, 1);

    assertThat(second.bytesSent()).isLessThanOrEqualTo(31 * MIB - 3 * 5 * MIB);
    assertThat(fake.object(second.uuid())).isEqualTo(Files.readAllBytes(file));
    assertThat(journals()).isZero();
  }

  @Test
  void aChangedFileStartsAfresh() throws IOException {
    Path file = TestFiles.random(dir.resolve("big.bin"), 16 * MIB, 2);
    failFromThePutAfter(2, file);
    TestFiles.random(file, 16 * MIB, 3);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

    fake.failPuts(n -> false);
    UploadResult second = upload(file, 2);

    assertThat(second.bytesSent()).isEqualTo(16 * MIB);
    assertThat(fake.object(second.uuid())).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void anUploadTheServerForgotStartsAfresh() throws IOException {
    Path file = TestFiles.random(dir.resolve("big.bin"), 16 * MIB, 4);
    failFromThePutAfter(2, file);
    fake.close();
    fake = FakeLakegate.start();

    UploadResult second;
    try (LakegateClient client = FakeClients.client(fake, state).build()) {
      second = client.upload(file);
    }

    assertThat(second.bytesSent()).isEqualTo(16 * MIB);
    assertThat(fake.object(second.uuid())).isEqualTo(Files.readAllBytes(file));
  }

  /** Runs an upload whose PUTs after the first {@code stored} fail with 400, so that it stops with a journal. */
  private void failFromThePutAfter(int stored, Path file) {
    fake.failPuts(n -> n > stored);
    try (LakegateClient client = FakeClients.client(fake, state)
        .settings(FakeClients.settings(state).withParallelism(1)
            .withRetry(new RetryPolicy(1, FakeClients.FAST_RETRY.initialBackoff(), FakeClients.FAST_RETRY.maxBackoff(),
                FakeClients.FAST_RETRY.maxElapsed())))
        .build()) {
      assertThatThrownBy(() -> client.upload(file)).isInstanceOf(UploadException.class);
    }
  }

  private UploadResult upload(Path file, int parallelism) throws IOException {
    try (LakegateClient client = FakeClients.client(fake, state)
        .settings(FakeClients.settings(state).withParallelism(parallelism)).build()) {
      return client.upload(file);
    }
  }

  private long journals() throws IOException {
    try (Stream<Path> files = Files.list(state)) {
      return files.count();
    }
  }
}
