package dev.lakegate.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs every JMH benchmark once, briefly and in this JVM, so none of them rots; no figure is judged. */
class MicroBenchmarkSmokeTest {

  @Test
  void everyBenchmarkRunsAndReportsAPositiveScore() throws Exception {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include("dev\\.lakegate\\.bench\\.micro\\..*")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .threads(1)
        .shouldFailOnError(true)
        .build()).run();

    assertThat(results).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
  }
}
