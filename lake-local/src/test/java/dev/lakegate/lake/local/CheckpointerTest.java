package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointerTest {
  @TempDir Path dir;

  static Stream<Arguments> flushes() {
    return Stream.of(
        Arguments.of("one file system flush", FileSystemSync.open()),
        Arguments.of("one fsync per file", Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flushes")
  void retiredSegmentIsDeletedOnceItsFilesAreFlushed(String how, Optional<FileSystemSync> sync) throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    Path segment = Files.write(journal.resolve("segment-1.log"), new byte[] {1, 2, 3});
    Path a = Files.writeString(Files.createDirectories(dir.resolve("bucket/x")).resolve("a"), "a");
    Path b = Files.writeString(dir.resolve("bucket/b"), "b");
    Path gone = dir.resolve("bucket/replaced-since");

    Checkpointer checkpointer = new Checkpointer(journal, "test", sync);
    checkpointer.retire(segment, List.of(a, b, gone, a));
    checkpointer.close();

    assertThat(segment).doesNotExist();
    assertThat(a).hasContent("a");
    assertThat(b).hasContent("b");
  }

  @Test
  void fileSystemFlushIsAvailableOnLinux() {
    assumeThat(Platform.isLinux()).isTrue();

    assertThat(FileSystemSync.open()).isPresent();
  }

  @Test
  void fileSystemFlushOfAMissingPathFailsWithItsErrno() {
    Optional<FileSystemSync> sync = FileSystemSync.open();
    assumeThat(sync).isPresent();

    assertThatThrownBy(() -> sync.orElseThrow().sync(dir.resolve("missing")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("errno 2");
  }
}
