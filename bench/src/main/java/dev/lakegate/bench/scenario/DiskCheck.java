package dev.lakegate.bench.scenario;

import dev.lakegate.bench.baseline.FileCreationCost;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Before the loads that create a file per request: whether the disk creates files at its usual
 * cost ({@link FileCreationCost}), waiting up to {@code --settle} for it when it does not, and
 * saying so in the run's output either way, so that a figure measured on a disk still slowed by a
 * large deletion is never read as the server's.
 */
final class DiskCheck {
  /** The scenarios and compared loads that create a file for every request. */
  static final Set<String> CREATING_FILES = Set.of("unipart", "put64k");
  /** The time between two measurements while waiting. */
  static final Duration INTERVAL = Duration.ofSeconds(30);

  /** Measures the disk once; {@link FileCreationCost#measure} on a fixed directory in the run. */
  interface Probe {
    FileCreationCost.Cost measure() throws IOException;
  }

  private DiskCheck() {}

  /**
   * Measures with {@code probe}, and again every {@code interval} while the disk is slow, for at
   * most {@code settle}; prints each measurement, and a warning when the disk is still slow.
   *
   * @return the last measurement
   */
  static FileCreationCost.Cost settle(Probe probe, Duration settle, Duration interval, PrintStream out)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + settle.toNanos();
    FileCreationCost.Cost cost = probe.measure();
    out.println(cost.describe());
    for (long left = deadline - System.nanoTime(); cost.slow() && left > 0; left = deadline - System.nanoTime()) {
      Duration wait = Duration.ofNanos(Math.min(interval.toNanos(), left));
      out.printf(Locale.ROOT, "the disk creates files slowly: measuring again in %d s (waiting at most %d s more)%n",
          wait.toSeconds(), Duration.ofNanos(left).toSeconds());
      Thread.sleep(wait);
      cost = probe.measure();
      out.println(cost.describe());
    }
    if (cost.slow()) {
      out.printf(Locale.ROOT,
          "WARNING: a file costs the disk %.1f times what it costs tmpfs (%.0f or more is slow), as on ext4 without a"
              + " journal within minutes of deleting many files: loads that create files (%s) will measure that, not the"
              + " server. Wait some minutes, or run with --settle 10m (docs/benchmarks.md, Files between runs).%n",
          cost.ratio().orElseThrow(), FileCreationCost.SLOW_RATIO, String.join(", ", CREATING_FILES.stream().sorted().toList()));
    }
    return cost;
  }
}
