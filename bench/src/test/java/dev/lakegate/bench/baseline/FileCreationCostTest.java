package dev.lakegate.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCreationCostTest {
  private static final Path MEMORY = Path.of("/dev/shm");

  @TempDir
  Path dir;

  @Test
  void leavesTheDisksFilesForTheRunAndNoneOnTmpfs() throws Exception {
    long onTmpfsBefore = benchDirectoriesOnTmpfs();

    FileCreationCost.Cost cost = FileCreationCost.measure(dir);

    assertThat(cost.diskMicros()).isPositive();
    assertThat(cost.memoryMicros().isPresent()).isEqualTo(Files.isDirectory(MEMORY) && Files.isWritable(MEMORY)
        && Files.getFileStore(MEMORY).type().equals("tmpfs"));
    try (Stream<Path> scratch = Files.list(dir)) {
      Path only = scratch.toList().getFirst();
      assertThat(only.getFileName().toString()).startsWith("file-creation-");
      try (Stream<Path> placed = Files.list(only.resolve("timed").resolve("placed"))) {
        assertThat(placed).hasSize(FileCreationCost.FILES).allSatisfy(f -> assertThat(f).hasSize(1024));
      }
    }
    assertThat(benchDirectoriesOnTmpfs()).isEqualTo(onTmpfsBefore);
  }

  @Test
  void aDiskIsSlowFromFourTimesTmpfsCostOn() {
    assertThat(new FileCreationCost.Cost(40, OptionalDouble.of(10), true).slow()).isTrue();
    assertThat(new FileCreationCost.Cost(39.9, OptionalDouble.of(10), true).slow()).isFalse();
    assertThat(new FileCreationCost.Cost(400, OptionalDouble.empty(), true).slow()).isFalse();
  }

  @Test
  void describesTheCostAndItsRatioToTmpfs() {
    assertThat(new FileCreationCost.Cost(124.04, OptionalDouble.of(10), true).describe()).isEqualTo(
        "file creation in the work directory: 124.0 µs of CPU a file (create, write 1 KiB, rename), 12.40 × tmpfs's 10.0 µs");
    assertThat(new FileCreationCost.Cost(31, OptionalDouble.empty(), false).describe()).isEqualTo(
        "file creation in the work directory: 31.0 µs a file (create, write 1 KiB, rename) (no tmpfs to compare with)");
  }

  private static long benchDirectoriesOnTmpfs() throws Exception {
    if (!Files.isDirectory(MEMORY)) {
      return 0;
    }
    try (Stream<Path> entries = Files.list(MEMORY)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("lakegate-bench-")).count();
    }
  }
}
