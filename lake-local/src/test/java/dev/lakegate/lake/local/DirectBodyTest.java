package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mid-sized bodies, written with direct I/O from an aligned buffer where the filesystem takes it:
 * every size around the buffer's and the block's edges is staged whole with its MD5, with or
 * without direct I/O, in a file of its own that only the owner may read, and a body that is cut
 * off, too long or of another MD5 leaves nothing.
 */
class DirectBodyTest {
  private static final int BUFFER = StagingArea.DIRECT_BUFFER_BYTES;

  @TempDir Path dir;
  private StagingArea staging;
  private byte[] body;

  @BeforeEach
  void open() throws Exception {
    staging = StagingArea.open(dir.resolve("staging"));
    body = new byte[(int) StagingArea.PIPELINE_MIN_BYTES - 1];
    new Random(11).nextBytes(body);
  }

  static Stream<Arguments> sizes() {
    int smallest = (int) StagingArea.DIRECT_MIN_BYTES;
    return Stream.of(smallest - 1, smallest, smallest + 1, 64 * 1024, BUFFER - 1, BUFFER, BUFFER + 4097,
            3 * BUFFER, (int) StagingArea.PIPELINE_MIN_BYTES - 1)
        .flatMap(size -> Stream.of(Arguments.of(size, true), Arguments.of(size, false)));
  }

  @ParameterizedTest(name = "{0} bytes, direct I/O allowed: {1}")
  @MethodSource("sizes")
  void bodyIsStagedWholeWithItsMd5ReadableByTheOwnerOnly(int size, boolean directIo) throws Exception {
    StagingArea area = StagingArea.open(dir.resolve("area-" + directIo), directIo);
    byte[] content = Arrays.copyOf(body, size);

    StagedFile staged = area.receive(new Trickle(content, 8 * 1024 - 3), size, Optional.of(TestLake.md5(content)));

    assertThat(staged.md5()).isEqualTo(TestLake.md5(content));
    assertThat(staged.size()).isEqualTo(size);
    assertThat(Files.readAllBytes(staged.path())).isEqualTo(content);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(staged.path()))).isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(area.dir())) {
      assertThat(files).containsExactly(staged.path());
    }
  }

  @ParameterizedTest(name = "{0} bytes, direct I/O allowed: {1}")
  @MethodSource("sizes")
  void bodyLeftForASharedFlushIsStagedWholeWithItsMd5(int size, boolean directIo) throws Exception {
    StagingArea area = StagingArea.open(dir.resolve("area-" + directIo), directIo);
    byte[] content = Arrays.copyOf(body, size);

    StagedFile staged = area.receive(new Trickle(content, 8 * 1024 - 3), size, Optional.of(TestLake.md5(content)), false);

    assertThat(staged.md5()).isEqualTo(TestLake.md5(content));
    assertThat(Files.readAllBytes(staged.path())).isEqualTo(content);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(staged.path()))).isEqualTo("rw-------");
  }

  @Test
  void bodyWithAnotherMd5IsBadDigestAndLeavesNothing() {
    assertRefused(new ByteArrayInputStream(body), TestLake.md5(Arrays.copyOf(body, 1)), "BadDigest");
  }

  @Test
  void bodyOneByteShortIsIncompleteAndLeavesNothing() {
    assertRefused(new ByteArrayInputStream(body, 0, body.length - 1), TestLake.md5(body), "IncompleteBody");
  }

  @Test
  void bodyGoingOnPastContentLengthIsInvalidRequestAndLeavesNothing() {
    InputStream longer = new SequenceInputStream(new ByteArrayInputStream(body), new ByteArrayInputStream(new byte[] {1}));

    assertRefused(longer, TestLake.md5(body), "InvalidRequest");
  }

  @Test
  void moreBodiesAtOnceThanAlignedBuffersAreAllStaged() throws Exception {
    byte[] content = Arrays.copyOf(body, BUFFER + 1);

    for (StagedFile file : Trickle.stageAtOnce(staging, content, StagingArea.MAX_DIRECT_BODIES + 3)) {
      assertThat(Files.readAllBytes(file.path())).isEqualTo(content);
    }
  }

  @ParameterizedTest(name = "direct I/O allowed: {0}")
  @ValueSource(booleans = {true, false})
  void bodyAfterLargerAndRefusedOnesHoldsOnlyItsOwnBytes(boolean directIo) throws Exception {
    StagingArea area = StagingArea.open(dir.resolve("area-" + directIo), directIo);
    byte[] larger = Arrays.copyOf(body, 64 * 1024);
    byte[] refused = new byte[64 * 1024];
    Arrays.fill(refused, (byte) 0x5a);
    byte[] smaller = new byte[20 * 1024 + 17];
    new Random(12).nextBytes(smaller);

    area.receive(new ByteArrayInputStream(larger), larger.length, Optional.of(TestLake.md5(larger)));
    assertThatThrownBy(() -> area.receive(new ByteArrayInputStream(refused, 0, refused.length - 100), refused.length, Optional.empty()))
        .isInstanceOf(S3ErrorException.class);
    StagedFile staged = area.receive(new Trickle(smaller, 1000), smaller.length, Optional.of(TestLake.md5(smaller)));

    assertThat(staged.md5()).isEqualTo(TestLake.md5(smaller));
    assertThat(Files.readAllBytes(staged.path())).isEqualTo(smaller);
  }

  private void assertRefused(InputStream stream, byte[] md5, String code) {
    assertThatThrownBy(() -> staging.receive(stream, body.length, Optional.of(md5)))
        .isInstanceOfSatisfying(S3ErrorException.class, e -> assertThat(e.error().code()).isEqualTo(code));
    assertThat(dir.resolve("staging")).isEmptyDirectory();
  }
}
