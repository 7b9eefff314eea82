package dev.lakegate.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
  @TempDir
  Path parent;

  @Test
  void deletesTheWorkDirectoryAndRecordsHowManyFilesAndWhen() throws Exception {
    Path work = Files.createDirectories(parent.resolve("run-1").resolve("lake").resolve("bucket"));
    for (int i = 0; i < 5; i++) {
      Files.writeString(work.resolve("object-" + i), "x");
    }
    Instant before = Instant.now();

    Scratch.Deletion deletion = Scratch.deleteAndRecord(parent.resolve("run-1"));

    assertThat(parent.resolve("run-1")).doesNotExist();
    assertThat(deletion.files()).isEqualTo(5);
    assertThat(deletion.ended()).isAfterOrEqualTo(before);
    assertThat(Scratch.lastDeletion(parent)).contains(deletion);
    try (var left = Files.list(parent)) {
      assertThat(left).containsExactly(parent.resolve(Scratch.LAST_DELETION));
    }
  }

  @Test
  void cleaningDeletesEveryKeptWorkDirectoryAndRecordsTheirFilesTogether() throws Exception {
    for (String run : new String[] {"run-1", "compare-2"}) {
      Path lake = Files.createDirectories(parent.resolve(run).resolve("lake"));
      for (int i = 0; i < 3; i++) {
        Files.writeString(lake.resolve("object-" + i), "x");
      }
    }
    Files.writeString(parent.resolve("stray.log"), "a file beside them");
    Files.writeString(parent.resolve(Scratch.LAST_DELETION), "ended=2026-12-07T08:00:00Z\nfiles=5\n");

    Scratch.Deletion deletion = Scratch.deleteAllAndRecord(parent);

    assertThat(deletion.files()).isEqualTo(7);
    assertThat(Scratch.lastDeletion(parent)).contains(deletion);
    try (var left = Files.list(parent)) {
      assertThat(left).containsExactly(parent.resolve(Scratch.LAST_DELETION));
    }
  }

  @Test
  void cleaningNothingKeepsTheLastRecord() throws Exception {
    Files.writeString(parent.resolve(Scratch.LAST_DELETION), "ended=2026-12-07T08:00:00Z\nfiles=5\n");

    assertThat(Scratch.deleteAllAndRecord(parent).files()).isZero();
    assertThat(Scratch.lastDeletion(parent)).contains(new Scratch.Deletion(Instant.parse("2026-12-07T08:00:00Z"), 5));
  }

  @Test
  void knowsOfNoDeletionWithoutARecordOrWithADamagedOne() throws Exception {
    assertThat(Scratch.lastDeletion(parent)).isEmpty();

    Files.writeString(parent.resolve(Scratch.LAST_DELETION), "ended=yesterday\nfiles=many\n");

    assertThat(Scratch.lastDeletion(parent)).isEmpty();
  }
}
