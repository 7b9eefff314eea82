package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Large bodies through the staging area: the pipelined path keeps every promise of the small one. */
class PipelinedCopyTest {
  // Not a multiple of the ring's buffers, and long enough for several early flushes.
  private static final int LARGE = (int) StagingArea.WRITE_BACK_EVERY * 2 + PipelinedCopy.BUFFER_BYTES * 3 + 12_345;

  @TempDir Path dir;
  private StagingArea staging;
  private byte[] body;

  @BeforeEach
  void open() throws IOException {
    staging = StagingArea.open(dir.resolve("staging"));
    body = new byte[LARGE];
    new Random(7).nextBytes(body);
  }

  @Test
  void probingForDirectIoLeavesNothingInTheStagingDirectory() {
    assertThat(dir.resolve("staging")).isEmptyDirectory();
  }

  @ParameterizedTest(name = "direct I/O allowed: {0}")
  @ValueSource(booleans = {true, false})
  void largeBodyIsStagedWholeWithItsMd5(boolean directIo) throws IOException {
    StagingArea area = StagingArea.open(dir.resolve("other-staging"), directIo);

    StagedFile staged = area.receive(new ByteArrayInputStream(body), body.length, Optional.of(TestLake.md5(body)));

    assertThat(staged.md5()).isEqualTo(TestLake.md5(body));
    assertThat(staged.size()).isEqualTo(LARGE);
    assertThat(Files.readAllBytes(staged.path())).isEqualTo(body);
  }

  @ParameterizedTest(name = "direct I/O allowed: {0}")
  @ValueSource(booleans = {true, false})
  void bodyOfWholeBuffersIsStagedWhole(boolean directIo) throws IOException {
    StagingArea area = StagingArea.open(dir.resolve("other-staging"), directIo);
    byte[] whole = Arrays.copyOf(body, PipelinedCopy.BUFFER_BYTES * (PipelinedCopy.BUFFERS + 1));

    StagedFile staged = area.receive(new ByteArrayInputStream(whole), whole.length, Optional.of(TestLake.md5(whole)));

    assertThat(Files.readAllBytes(staged.path())).isEqualTo(whole);
  }

  @Test
  void largeBodyArrivingInSmallReadsIsStagedWhole() throws IOException {
    StagedFile staged = staging.receive(new Trickle(body, 8 * 1024 - 3), body.length, Optional.of(TestLake.md5(body)));

    assertThat(Files.readAllBytes(staged.path())).isEqualTo(body);
  }

  @Test
  void largeBodyWithAnotherMd5IsBadDigestAndLeavesNothing() {
    byte[] other = TestLake.md5(Arrays.copyOf(body, body.length - 1));

    assertRefused(new ByteArrayInputStream(body), Optional.of(other), "BadDigest");
  }

  @Test
  void largeBodyEndingEarlyIsIncompleteAndLeavesNothing() {
    InputStream shorter = new ByteArrayInputStream(body, 0, body.length - PipelinedCopy.BUFFER_BYTES - 1);

    assertRefused(shorter, Optional.of(TestLake.md5(body)), "IncompleteBody");
  }

  @Test
  void largeBodyOneByteShortIsIncompleteAndLeavesNothing() {
    assertRefused(new ByteArrayInputStream(body, 0, body.length - 1), Optional.of(TestLake.md5(body)), "IncompleteBody");
  }

  @Test
  void largeBodyGoingOnPastContentLengthIsInvalidRequestAndLeavesNothing() {
    InputStream longer = new SequenceInputStream(new ByteArrayInputStream(body), new ByteArrayInputStream(new byte[] {1}));

    assertRefused(longer, Optional.of(TestLake.md5(body)), "InvalidRequest");
  }

  @Test
  void connectionBreakingMidBodyIsIncompleteAndLeavesNothing() {
    InputStream breaking = new SequenceInputStream(new ByteArrayInputStream(body, 0, LARGE / 2), new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    });

    assertRefused(breaking, Optional.of(TestLake.md5(body)), "IncompleteBody");
  }

  @Test
  void moreLargeBodiesAtOnceThanPipelinesAreAllStaged() throws Exception {
    byte[] smaller = Arrays.copyOf(body, (int) StagingArea.PIPELINE_MIN_BYTES + 1);

    for (StagedFile file : Trickle.stageAtOnce(staging, smaller, StagingArea.MAX_PIPELINES + 3)) {
      assertThat(Files.readAllBytes(file.path())).isEqualTo(smaller);
    }
  }


  private void assertRefused(InputStream stream, Optional<byte[]> md5, String code) {
    assertThatThrownBy(() -> staging.receive(stream, body.length, md5))
        .isInstanceOfSatisfying(S3ErrorException.class, e -> assertThat(e.error().code()).isEqualTo(code));
    assertThat(dir.resolve("staging")).isEmptyDirectory();
  }
}
