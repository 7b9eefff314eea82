package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages of a file already on the device leave memory when released, and the file keeps its bytes. */
class PageCacheReleaseTest {
  private static final int SIZE = 4 * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void releasedPagesOfAFlushedFileLeaveMemory() throws IOException {
    assumeThat(Platform.isLinux()).as("posix_fadvise is reached on Linux only").isTrue();
    assumeThat(Files.getFileStore(dir).type()).as("a file system whose pages can be dropped (not memory-backed)").isNotIn("tmpfs", "ramfs");
    byte[] bytes = new byte[SIZE];
    new Random(5).nextBytes(bytes);
    Path file = dir.resolve("object");
    Files.write(file, bytes);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    assertThat(resident(file, SIZE)).as("just written, before the release").isTrue();

    try (PageCacheRelease release = PageCacheRelease.open(file).orElseThrow()) {
      assertThat(release.release(0, SIZE)).isTrue();
    }

    assertThat(resident(file, SIZE)).as("after the release").isFalse();
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
  }

  @Test
  void fileThatCannotBeOpenedHasNoRelease() {
    assertThat(PageCacheRelease.open(dir.resolve("missing"))).isEqualTo(Optional.empty());
  }

  /** Whether every page of {@code file}'s first {@code length} bytes is in memory (mapping them reads nothing in). */
  static boolean resident(Path file, long length) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, length).isLoaded();
    }
  }
}
