package dev.lakegate.bench.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * What one sender of a load counted: every request's latency, successes, and failures by kind.
 * Not thread-safe: each sending thread keeps its own, and {@link #report} merges them.
 */
final class Tally {
  // One hour in microseconds: nothing a run measures is longer, and three digits keep 0.1 % precision.
  private static final long HIGHEST_MICROS = 3_600_000_000L;

  private final Histogram latencies = new Histogram(HIGHEST_MICROS, 3);
  private final Histogram lateness = new Histogram(HIGHEST_MICROS, 3);
  private final Map<String, Long> errors = new HashMap<>();
  private long succeeded;

  /**
   * Counts one request that began at {@code begin} and ended at {@code end} ({@link System#nanoTime}),
   * failed when {@code failure} names how.
   */
  void record(long begin, long end, @Nullable String failure) {
    latencies.recordValue(micros(end - begin));
    if (failure == null) {
      succeeded++;
    } else {
      errors.merge(failure, 1L, Long::sum);
    }
  }

  /**
   * Counts how late the harness began to send a request: {@code sent} after {@code ready}, the
   * later of its scheduled start and the moment its connection became free (its own delay, inside
   * the request's latency; a wait for a busy connection is not its own).
   */
  void sent(long ready, long sent) {
    lateness.recordValue(micros(sent - ready));
  }

  /** Nanoseconds as whole microseconds within the histograms' range. */
  private static long micros(long nanos) {
    return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1_000));
  }

  /** The report of a run that took {@code elapsed}, from the tallies of all its senders. */
  static LoadReport report(String name, Duration elapsed, List<Tally> tallies) {
    Histogram all = new Histogram(HIGHEST_MICROS, 3);
    Histogram late = new Histogram(HIGHEST_MICROS, 3);
    Map<String, Long> errors = new HashMap<>();
    long succeeded = 0;
    for (Tally tally : tallies) {
      all.add(tally.latencies);
      late.add(tally.lateness);
      succeeded += tally.succeeded;
      tally.errors.forEach((kind, count) -> errors.merge(kind, count, Long::sum));
    }
    return new LoadReport(name, succeeded, errors, elapsed, all.getValueAtPercentile(50),
        all.getValueAtPercentile(99), all.getValueAtPercentile(99.9), all.getMaxValue(),
        late.getValueAtPercentile(99), late.getMaxValue());
  }
}
