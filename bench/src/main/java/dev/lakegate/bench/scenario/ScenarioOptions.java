package dev.lakegate.bench.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how hard each scenario runs. The smoke tests use seconds and small sizes; the
 * figures in {@code docs/benchmarks.md} come from {@link #standard()}.
 *
 * @param duration the length of each timed load (and of each limit measured beside it)
 * @param warmUp the untimed load before a server's first timed load of a kind, so the JIT compilers
 *     are done with the request path (8 s in, they still took about a third of the server's CPU)
 * @param concurrency workers (keep-alive connections) of the load
 * @param maxRequests upper bound on the requests of one timed load
 * @param largeObjectBytes the object size of scenario 4 (1 GiB in the figures)
 */
public record ScenarioOptions(Duration duration, Duration warmUp, int concurrency, long maxRequests,
    long largeObjectBytes) {

  public ScenarioOptions {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(warmUp, "warmUp");
    if (duration.isNegative() || duration.isZero() || warmUp.isNegative() || warmUp.isZero()) {
      throw new IllegalArgumentException("duration and warmUp must be positive");
    }
    if (concurrency < 1 || maxRequests < 1 || largeObjectBytes < 1) {
      throw new IllegalArgumentException("concurrency, maxRequests and largeObjectBytes must be positive");
    }
  }

  /** The published runs: 30 s loads after 20 s of warm-up, on 32 connections, at most a million requests, a 1 GiB object. */
  public static ScenarioOptions standard() {
    return new ScenarioOptions(Duration.ofSeconds(30), Duration.ofSeconds(20), 32, 1_000_000, 1L << 30);
  }
}
