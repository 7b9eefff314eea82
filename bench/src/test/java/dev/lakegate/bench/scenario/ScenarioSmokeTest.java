package dev.lakegate.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.bench.baseline.Rate;
import dev.lakegate.bench.load.LoadHarness;
import dev.lakegate.bench.load.LoadReport;
import dev.lakegate.bench.server.BenchServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario for about a second against a real server on {@code 127.0.0.1:0}, so the harness
 * cannot rot: the requests succeed and every figure is a positive number. No thresholds: the
 * figures of a smoke run on a shared machine mean nothing.
 */
class ScenarioSmokeTest {
  private static final ScenarioOptions SMOKE = new ScenarioOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 300, 8L << 20);

  @TempDir
  static Path work;
  private static BenchServer server;
  private static LoadHarness harness;

  @BeforeAll
  static void start() throws Exception {
    server = BenchServer.start(work);
    harness = LoadHarness.create();
  }

  @AfterAll
  static void stop() {
    harness.close();
    server.close();
  }

  @Test
  void tokenIssuanceSucceedsBesideTheSigningRate() throws Exception {
    ScenarioResult result = new TokenScenario(new SecureRandom()).run(server.target(), harness, SMOKE);

    assertAllSucceeded(result);
    assertThat(result.limits()).extracting(Rate::name).anyMatch(name -> name.startsWith("JVM RS256"));
    assertThat(result.ratios()).allMatch(r -> r.value() > 0);
    assertThat(result.notes()).anyMatch(note -> note.matches(
        "server's own time of " + TokenScenario.LOAD + ": mean [0-9.]+ ms, p50 <= [0-9.]+ ms, p99 <= [0-9.]+ ms, .*"));
    if (result.limits().stream().anyMatch(rate -> rate.name().startsWith("openssl"))) {
      assertThat(result.notes()).anyMatch(note -> note.matches(
          "openssl speed before the load: [0-9.]+ signatures/s, after it: [0-9.]+ \\([-+][0-9.]+ %\\);"
              + " tokens/s / the rate before: [0-9.]+"));
    }
  }

  @Test
  void unipartAndTheNoOpRouteSucceedAndMemoryIsSampled() throws Exception {
    ScenarioResult result = new UnipartScenario().run(server.target(), harness, SMOKE);

    assertAllSucceeded(result);
    assertThat(result.loads()).extracting(LoadReport::name)
        .containsExactly(UnipartScenario.UNIPART, UnipartScenario.PACED, UnipartScenario.NO_OP);
    assertThat(result.notes()).anyMatch(note -> note.startsWith("5. peak RSS during unipart"));
    assertThat(result.notes()).anyMatch(note -> note.startsWith("CPU per request of " + UnipartScenario.UNIPART))
        .anyMatch(note -> note.matches(
            "server's own time of " + UnipartScenario.UNIPART + ": mean [0-9.]+ ms, p50 <= .*"))
        .anyMatch(note -> note.matches(
            "server's own time of " + UnipartScenario.PACED + ": mean [0-9.]+ ms, p50 <= .*"))
        .anyMatch(note -> note.matches("a request of " + UnipartScenario.UNIPART
            + " took a connection [0-9.]+ ms \\([0-9]+ connections / [0-9]+ req/s\\),"
            + " [0-9.]+ ms of it inside the server .*"))
        .anyMatch(note -> note.matches("journal of " + UnipartScenario.UNIPART + ": [0-9.]+ documents a flush, .*"));
    assertThat(metadataObjects()).isPositive();
  }

  @Test
  void smallPutsLandInTheLakeInS3ProxyAndOnTheBareServer() throws Exception {
    long before = objects();
    ScenarioResult result = new Put64kScenario().run(server.target(), harness, SMOKE);

    assertAllSucceeded(result);
    // Every timed PUT uses a URL of its own, so each creates one object; the warm-up's PUTs reuse
    // their URLs, so they create at least one object and at most one each.
    long warmUp = result.load(Put64kScenario.WARM_UP).succeeded();
    assertThat(warmUp).isPositive();
    assertThat(objects() - before - result.load(Put64kScenario.LAKEGATE).succeeded()).isBetween(1L, warmUp);
    assertThat(result.load(Put64kScenario.S3PROXY).succeeded()).isPositive();
    assertThat(result.load(Put64kScenario.BARE).succeeded()).isPositive();
    assertThat(result.notes()).anyMatch(note -> note.startsWith("CPU per request of " + Put64kScenario.LAKEGATE))
        .anyMatch(note -> note.startsWith("CPU per request of " + Put64kScenario.BARE))
        .anyMatch(note -> note.startsWith("MD5 of the lake's 64 KiB bodies: "))
        .anyMatch(note -> note.matches(
            "server's own time of " + Put64kScenario.LAKEGATE + ": mean [0-9.]+ ms, p50 <= .*"));
    assertThat(result.ratios()).extracting(Ratio::name).contains("lake PUTs/s / bare durable PUTs/s");
    assertThat(result.limits()).singleElement().satisfies(rate -> assertThat(rate.perSecond()).isPositive());
  }

  @Test
  void warmUpAndLargePutLandWhole() throws Exception {
    long before = objects();
    ScenarioResult result = new Put1gScenario().run(server.target(), harness, SMOKE);

    assertAllSucceeded(result);
    assertThat(result.load(Put1gScenario.PUT).succeeded()).isEqualTo(1);
    // The untimed warm-up PUT, then the timed one.
    assertThat(objects()).isEqualTo(before + 2);
    assertThat(result.ratios()).singleElement().satisfies(r -> assertThat(r.value()).isPositive());
  }

  private static void assertAllSucceeded(ScenarioResult result) {
    assertThat(result.loads()).isNotEmpty().allSatisfy(load -> {
      assertThat(load.failed()).as(load.summary()).isZero();
      assertThat(load.succeeded()).as(load.summary()).isPositive();
      assertThat(load.throughput()).isPositive();
    });
    assertThat(result.limits()).allMatch(rate -> rate.perSecond() > 0);
    assertThat(result.lines()).isNotEmpty();
  }

  private static long objects() throws Exception {
    return count(server.target().lakeDirectory(), "incoming");
  }

  private static long metadataObjects() throws Exception {
    return count(server.target().lakeDirectory(), "metadata");
  }

  private static long count(Path lake, String prefix) throws Exception {
    try (Stream<Path> files = Files.walk(lake)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> f.getParent().getFileName().toString().equals(prefix))
          .count();
    }
  }
}
