package dev.lakegate.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lakegate.bench.baseline.FileCreationCost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DiskCheckTest {
  private static final FileCreationCost.Cost SLOW = new FileCreationCost.Cost(300, OptionalDouble.of(25), true);
  private static final FileCreationCost.Cost USUAL = new FileCreationCost.Cost(30, OptionalDouble.of(25), true);

  private static final Optional<Scratch.Deletion> NONE = Optional.empty();
  private static final Clock CLOCK = Clock.systemUTC();

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void waitsForASlowDiskUntilItCreatesFilesAtItsUsualCost() throws Exception {
    Deque<FileCreationCost.Cost> measured = new ArrayDeque<>(List.of(SLOW, SLOW, USUAL, SLOW));

    FileCreationCost.Cost last = DiskCheck.settle(measured::removeFirst, NONE, Duration.ofSeconds(30), Duration.ofMillis(10), CLOCK, out);

    assertThat(last).isEqualTo(USUAL);
    assertThat(measured).containsExactly(SLOW);
    assertThat(lines()).filteredOn(line -> line.startsWith("the disk creates files slowly: measuring again")).hasSize(2);
    assertThat(lines()).noneMatch(line -> line.startsWith("WARNING"));
  }

  @Test
  void warnsWithoutWaitingWhenNotAskedToSettle() throws Exception {
    Deque<FileCreationCost.Cost> measured = new ArrayDeque<>(List.of(SLOW, USUAL));

    DiskCheck.settle(measured::removeFirst, NONE, Duration.ZERO, Duration.ofMillis(10), CLOCK, out);

    assertThat(measured).containsExactly(USUAL);
    assertThat(lines()).containsExactly(SLOW.describe(),
        "WARNING: a file costs the disk 12.0 times what it costs tmpfs (4 or more is slow), as on ext4 without a journal"
            + " within minutes of deleting many files: loads that create files (put64k, unipart) will measure that, not"
            + " the server. Run again later, or with a longer --settle (docs/benchmarks.md, Files between runs).");
  }

  @Test
  void givesUpWaitingOnceTheSettleTimeHasPassed() throws Exception {
    int[] probes = {0};

    FileCreationCost.Cost last = DiskCheck.settle(() -> {
      probes[0]++;
      return SLOW;
    }, NONE, Duration.ofMillis(100), Duration.ofMillis(30), CLOCK, out);

    assertThat(last.slow()).isTrue();
    assertThat(probes[0]).isBetween(2, 6);
    assertThat(lines().getLast()).startsWith("WARNING: a file costs the disk 12.0 times");
  }

  @Test
  void aDiskAtItsUsualCostIsMeasuredOnceAndNotWarnedAbout() throws Exception {
    int[] probes = {0};

    DiskCheck.settle(() -> {
      probes[0]++;
      return USUAL;
    }, NONE, Duration.ofMinutes(10), Duration.ofMillis(10), CLOCK, out);

    assertThat(probes[0]).isEqualTo(1);
    assertThat(lines()).containsExactly(USUAL.describe());
  }

  @Test
  void waitsUntilTheLastRunsDeletionIsForgottenBeforeMeasuring() throws Exception {
    Instant forgotten = CLOCK.instant().plusMillis(200);
    Scratch.Deletion deletion = new Scratch.Deletion(forgotten.minus(DiskCheck.FORGET_DELETED), 50_000);
    Instant[] measuredAt = {null};

    DiskCheck.settle(() -> {
      measuredAt[0] = CLOCK.instant();
      return USUAL;
    }, Optional.of(deletion), Duration.ofMinutes(10), Duration.ofMillis(10), CLOCK, out);

    assertThat(measuredAt[0]).isAfterOrEqualTo(forgotten);
    assertThat(lines()).hasSize(2);
    assertThat(lines().getFirst()).startsWith("the last run deleted 50,000 files at ")
        .contains("which this file system skips when it creates files until ");
    assertThat(lines().getLast()).isEqualTo(USUAL.describe());
  }

  @Test
  void aSmallOrLongPastDeletionIsNotWaitedFor() throws Exception {
    Instant now = CLOCK.instant();
    for (Scratch.Deletion deletion : List.of(new Scratch.Deletion(now, DiskCheck.DELETION_WORTH_WAITING - 1),
        new Scratch.Deletion(now.minus(DiskCheck.FORGET_DELETED), 1_000_000))) {
      printed.reset();

      DiskCheck.settle(() -> USUAL, Optional.of(deletion), Duration.ofMinutes(10), Duration.ofMillis(10), CLOCK, out);

      assertThat(lines()).containsExactly(USUAL.describe());
    }
  }

  @Test
  void warnsOfARecentDeletionWhenNotAskedToSettle() throws Exception {
    Scratch.Deletion deletion = new Scratch.Deletion(CLOCK.instant(), 250_000);

    DiskCheck.settle(() -> USUAL, Optional.of(deletion), Duration.ZERO, Duration.ofMillis(10), CLOCK, out);

    assertThat(lines()).hasSize(2);
    assertThat(lines().getLast()).startsWith("WARNING: the last run deleted 250,000 files at ")
        .endsWith("may measure that; a longer --settle waits for it.");
  }

  @Test
  void aMemoryFileSystemIsNotWaitedForAfterDeletions() throws Exception {
    Path memory = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(memory) && Files.getFileStore(memory).type().equals("tmpfs"), "no tmpfs at /dev/shm");

    assertThat(DiskCheck.skipsRecentlyFreedInodes(memory)).isFalse();
  }

  private List<String> lines() {
    return printed.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
