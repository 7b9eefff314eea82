package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.jna.Platform;
import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large body's writer flushes the file and lets its pages go while the body arrives; a mid-sized one's waits for the end. */
class StagingWriterTest {
  private static final long STEP = PipelinedCopy.BUFFER_BYTES;
  private static final int TAIL = 1_000;

  @TempDir Path dir;
  private RingPool rings;
  private ByteBuffer buffer;
  private byte[] bytes;

  @BeforeEach
  void fill() {
    rings = RingPool.forDirectWrites(dir, true, 1, 1, PipelinedCopy.BUFFER_BYTES);
    buffer = rings.tryAcquire().orElseThrow().getFirst();
    bytes = new byte[buffer.capacity()];
    new Random(11).nextBytes(bytes);
    buffer.duplicate().put(bytes);
  }

  @Test
  void largeBodyIsFlushedAndItsPagesReleasedBeforeItsEnd() throws Exception {
    Path file = dir.resolve("staged");
    long flushedBeforeTheEnd;
    try (StagingWriter writer = StagingWriter.throughPageCache(file, open(file, false), STEP, true)) {
      writer.write(buffer, buffer.capacity());
      flushedBeforeTheEnd = awaitEarlyFlush(writer);
      writer.write(buffer, TAIL);
      writer.finish();
    }

    assertThat(flushedBeforeTheEnd).isPositive();
    assertThat(Files.readAllBytes(file)).isEqualTo(concat(bytes, Arrays.copyOf(bytes, TAIL)));
  }

  @Test
  void pagesOfALargeBodyLeaveMemoryOnceFlushed() throws Exception {
    assumeThat(Platform.isLinux()).as("pages are released on Linux only").isTrue();
    assumeThat(Files.getFileStore(dir).type()).as("a file system whose pages can be dropped (not memory-backed)").isNotIn("tmpfs", "ramfs");
    Path file = dir.resolve("staged");
    try (StagingWriter writer = StagingWriter.throughPageCache(file, open(file, false), STEP, true)) {
      writer.write(buffer, buffer.capacity());
      assertThat(awaitEarlyFlush(writer)).isPositive();
      writer.write(buffer, buffer.capacity());
      writer.finish();
    }

    assertThat(PageCacheReleaseTest.resident(file, STEP)).as("the first step's pages").isFalse();
  }

  @Test
  void directWriterOfAFewBlocksFlushesOnlyAtTheEnd() throws IOException {
    assumeThat(rings.alignment()).as("the temporary directory's filesystem takes direct I/O").isPositive();
    Path file = dir.resolve("staged");
    try (StagingWriter writer = StagingWriter.direct(file, open(file, true), rings.alignment(), true)) {
      for (int i = 0; i < 4; i++) {
        writer.write(buffer, buffer.capacity());
      }
      writer.finish();

      assertThat(writer.earlyFlushes()).isZero();
    }
    assertThat(Files.size(file)).isEqualTo(4L * bytes.length);
  }

  @Test
  void directWriterRefusesAMissingBlockSize() throws IOException {
    Path file = dir.resolve("staged");
    try (FileChannel channel = open(file, false)) {
      assertThatThrownBy(() -> StagingWriter.direct(file, channel, 0, true))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("block size");
    }
  }

  private static FileChannel open(Path file, boolean direct) throws IOException {
    return direct
        ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)
        : FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /** The early flushes once there is one, or 0 after ten seconds without. */
  private static long awaitEarlyFlush(StagingWriter writer) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (writer.earlyFlushes() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    return writer.earlyFlushes();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
