package dev.lakegate.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a load run measured. Latencies are in microseconds; {@code errors} counts failed requests by
 * kind ({@code "status 503"}, {@code "ConnectException"}), so a run that "succeeded fast" by
 * failing is visible at a glance. {@code p99LateMicros} and {@code maxLateMicros} tell how late
 * the harness itself began to send requests once they were due and their connection was free,
 * which their latencies include: in a paced load, a stall of the harness rather than of the server.
 */
public record LoadReport(
    String name,
    long succeeded,
    Map<String, Long> errors,
    Duration elapsed,
    long p50Micros,
    long p99Micros,
    long p999Micros,
    long maxMicros,
    long p99LateMicros,
    long maxLateMicros) {

  public LoadReport {
    Objects.requireNonNull(name, "name");
    errors = Map.copyOf(errors);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Failed requests of every kind. */
  public long failed() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Successful requests per second over the run. */
  public double throughput() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : succeeded / seconds;
  }

  /** One line for a terminal or a log: name, rate, percentiles in milliseconds, errors. */
  public String summary() {
    return String.format(java.util.Locale.ROOT,
        "%-28s %10.1f req/s  ok=%d failed=%d  p50=%.2f ms p99=%.2f ms p99.9=%.2f ms max=%.2f ms  in %.1f s%s",
        name, throughput(), succeeded, failed(), p50Micros / 1e3, p99Micros / 1e3, p999Micros / 1e3,
        maxMicros / 1e3, elapsed.toMillis() / 1e3, errors.isEmpty() ? "" : "  errors=" + new TreeMap<>(errors));
  }
}
