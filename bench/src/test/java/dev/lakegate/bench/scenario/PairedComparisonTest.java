package dev.lakegate.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lakegate.bench.load.LoadHarness;
import dev.lakegate.bench.load.LoadReport;
import dev.lakegate.bench.server.BenchServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairedComparisonTest {

  @Test
  void roundsAlternateWhichServerGoesFirst() {
    assertThat(List.of(PairedComparison.order(1), PairedComparison.order(2), PairedComparison.order(3)))
        .containsExactly("AB", "BA", "AB");
  }

  @Test
  void eachRatioSetsARoundsBOverTheAOfTheSameRound() {
    List<PairedComparison.Slice> slices = List.of(
        slice(1, 'A', 100, 200.0), slice(1, 'B', 110, 180.0),
        slice(2, 'B', 60, 300.0), slice(2, 'A', 50, 250.0));

    List<Double> throughput = PairedComparison.ratios(slices, s -> Optional.of(s.report().throughput()));
    List<Double> cpu = PairedComparison.ratios(slices, PairedComparison.Slice::serverMicros);

    assertThat(throughput).hasSize(2);
    assertThat(throughput.get(0)).isCloseTo(1.1, within(1e-9));
    assertThat(throughput.get(1)).isCloseTo(1.2, within(1e-9));
    assertThat(cpu.get(0)).isCloseTo(0.9, within(1e-9));
    assertThat(cpu.get(1)).isCloseTo(1.2, within(1e-9));
  }

  @Test
  void aRoundWithoutTheServersCpuGivesNoCpuRatio() {
    List<PairedComparison.Slice> slices = List.of(
        slice(1, 'A', 100, 200.0), new PairedComparison.Slice(1, 'B', 2, report(120), Optional.empty()));

    assertThat(PairedComparison.ratios(slices, PairedComparison.Slice::serverMicros)).isEmpty();
    assertThat(PairedComparison.lines(slices)).contains("  B / A server CPU per request   not measured");
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(PairedComparison.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(PairedComparison.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThatThrownBy(() -> PairedComparison.median(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLoadIsNamedAsOnTheCommandLine() {
    assertThat(PairedComparison.Load.named("unipart")).isEqualTo(PairedComparison.Load.UNIPART);
    assertThat(PairedComparison.Load.named("put64k")).isEqualTo(PairedComparison.Load.PUT64K);
    assertThatThrownBy(() -> PairedComparison.Load.named("put1g"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokens, unipart or put64k");
  }

  @Test
  void twoServersTakeTheLoadInAlternatingSlices(@TempDir Path work) throws Exception {
    compare(work, new PairedComparison.Plan(PairedComparison.Load.UNIPART, 2, Duration.ofMillis(500), Duration.ZERO, 2), 1,
        (slices, lakes) -> {
          assertThat(slices).extracting(s -> s.round() + "" + s.server()).containsExactly("1A", "1B", "2B", "2A");
          assertThat(slices).allSatisfy(s -> {
            assertThat(s.report().failed()).as(s.report().summary()).isZero();
            assertThat(s.report().succeeded()).as(s.report().summary()).isPositive();
          });
          for (Path lake : lakes.values()) {
            assertThat(files(lake, "metadata")).isPositive();
          }
          assertThat(PairedComparison.lines(slices)).anyMatch(line -> line.startsWith("  B / A throughput")
              && line.contains("over 2 rounds"));
        });
  }

  @Test
  void bTakesItsLoadOnItsOwnConnectionsWhenToldTo(@TempDir Path work) throws Exception {
    compare(work, new PairedComparison.Plan(PairedComparison.Load.UNIPART, 1, Duration.ofMillis(300), Duration.ZERO, 2, 5), 1,
        (slices, lakes) -> {
          assertThat(slices).extracting(s -> s.server() + "" + s.connections()).containsExactly("A2", "B5");
          assertThat(slices).allSatisfy(s -> assertThat(s.report().failed()).as(s.report().summary()).isZero());
          assertThat(PairedComparison.lines(slices)).filteredOn(line -> line.startsWith("  round 1  B"))
              .singleElement().asString().endsWith("(5 connections)");
        });
  }

  @Test
  void slicesNameTheirConnectionsOnlyWhereAAndBDiffer() {
    assertThat(PairedComparison.lines(List.of(slice(1, 'A', 100, 200.0), slice(1, 'B', 110, 180.0))))
        .noneMatch(line -> line.contains("connections"));
  }

  @Test
  void eachComparedPutCreatesAnObjectOfItsOwn(@TempDir Path work) throws Exception {
    // Numbered as the second round of a sequence, as a second pair of servers runs it: B goes first.
    compare(work, new PairedComparison.Plan(PairedComparison.Load.PUT64K, 1, Duration.ofMillis(300), Duration.ZERO, 2), 2,
        (slices, lakes) -> {
          assertThat(slices).extracting(s -> s.round() + "" + s.server()).containsExactly("2B", "2A");
          for (var slice : slices) {
            assertThat(slice.report().failed()).as(slice.report().summary()).isZero();
            assertThat(files(lakes.get(slice.server()), "incoming")).isEqualTo(slice.report().succeeded()).isPositive();
          }
        });
  }

  /** What a test checks of a comparison: its slices, and each server's lake directory by its letter. */
  private interface Check {
    void on(List<PairedComparison.Slice> slices, Map<Character, Path> lakes) throws Exception;
  }

  /** Runs {@code plan} from round {@code firstRound} between two in-process servers, then {@code check}. */
  private static void compare(Path work, PairedComparison.Plan plan, int firstRound, Check check) throws Exception {
    try (BenchServer a = BenchServer.start(Files.createDirectory(work.resolve("a")));
        BenchServer b = BenchServer.start(Files.createDirectory(work.resolve("b")));
        LoadHarness harness = LoadHarness.create()) {
      check.on(PairedComparison.run(plan, firstRound, a.target(), b.target(), harness),
          Map.of('A', a.target().lakeDirectory(), 'B', b.target().lakeDirectory()));
    }
  }

  /**
   * The files under {@code prefix} in the lake: the bench server keeps objects in {@code incoming},
   * metadata documents in {@code metadata}.
   */
  private static long files(Path lake, String prefix) throws Exception {
    try (var files = Files.walk(lake)) {
      return files.filter(Files::isRegularFile).filter(f -> f.getParent().getFileName().toString().equals(prefix)).count();
    }
  }

  private static PairedComparison.Slice slice(int round, char server, long succeeded, double micros) {
    return new PairedComparison.Slice(round, server, 2, report(succeeded), Optional.of(micros));
  }

  private static LoadReport report(long succeededInOneSecond) {
    return new LoadReport("load", succeededInOneSecond, Map.of(), Duration.ofSeconds(1), 1, 2, 3, 4, 0, 0);
  }
}
