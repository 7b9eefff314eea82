package dev.lakegate.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.bench.baseline.FileCreationCost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DiskCheckTest {
  private static final FileCreationCost.Cost SLOW = new FileCreationCost.Cost(300, OptionalDouble.of(25), true);
  private static final FileCreationCost.Cost USUAL = new FileCreationCost.Cost(30, OptionalDouble.of(25), true);

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void waitsForASlowDiskUntilItCreatesFilesAtItsUsualCost() throws Exception {
    Deque<FileCreationCost.Cost> measured = new ArrayDeque<>(List.of(SLOW, SLOW, USUAL, SLOW));

    FileCreationCost.Cost last = DiskCheck.settle(measured::removeFirst, Duration.ofSeconds(30), Duration.ofMillis(10), out);

    assertThat(last).isEqualTo(USUAL);
    assertThat(measured).containsExactly(SLOW);
    assertThat(lines()).filteredOn(line -> line.startsWith("the disk creates files slowly: measuring again")).hasSize(2);
    assertThat(lines()).noneMatch(line -> line.startsWith("WARNING"));
  }

  @Test
  void warnsWithoutWaitingWhenNotAskedToSettle() throws Exception {
    Deque<FileCreationCost.Cost> measured = new ArrayDeque<>(List.of(SLOW, USUAL));

    DiskCheck.settle(measured::removeFirst, Duration.ZERO, Duration.ofMillis(10), out);

    assertThat(measured).containsExactly(USUAL);
    assertThat(lines()).containsExactly(SLOW.describe(),
        "WARNING: a file costs the disk 12.0 times what it costs tmpfs (4 or more is slow), as on ext4 without a journal"
            + " within minutes of deleting many files: loads that create files (put64k, unipart) will measure that, not"
            + " the server. Wait some minutes, or run with --settle 10m (docs/benchmarks.md, Files between runs).");
  }

  @Test
  void givesUpWaitingOnceTheSettleTimeHasPassed() throws Exception {
    int[] probes = {0};

    FileCreationCost.Cost last = DiskCheck.settle(() -> {
      probes[0]++;
      return SLOW;
    }, Duration.ofMillis(100), Duration.ofMillis(30), out);

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
    }, Duration.ofMinutes(10), Duration.ofMillis(10), out);

    assertThat(probes[0]).isEqualTo(1);
    assertThat(lines()).containsExactly(USUAL.describe());
  }

  private List<String> lines() {
    return printed.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
