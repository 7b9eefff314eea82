package dev.lakegate.bench.scenario;

import dev.lakegate.bench.baseline.FileCreationCost;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Before the loads that create a file per request: whether the disk creates files at its usual
 * cost, waiting up to {@code --settle} for it when it does not, and saying so in the run's output
 * either way, so that a figure measured on a disk still slowed by a large deletion is never read as
 * the server's. Two signs are read: the last deletion of a bench run's work directory
 * ({@link Scratch#lastDeletion}), since ext4 without a journal skips the inodes freed in the last
 * five minutes when it creates a file (as long as their table block is unwritten, which every file
 * created beside them keeps it), and a measurement of the disk ({@link FileCreationCost}), which
 * also sees other programs' deletions but only the part of the disk it writes to: after the bench
 * deleted a million files, it read the usual cost again a minute or two before a server creating
 * hundreds of thousands of files did.
 */
final class DiskCheck {
  /** The scenarios and compared loads that create a file for every request. */
  static final Set<String> CREATING_FILES = Set.of("unipart", "put64k");
  private static final String CREATING_FILES_LISTED = String.join(", ", CREATING_FILES.stream().sorted().toList());
  /** How long a run waits for the disk at most unless {@code --settle} says otherwise ({@code 0s}: only warn). */
  static final Duration DEFAULT_SETTLE = Duration.ofMinutes(10);
  /** The time between two measurements while waiting. */
  static final Duration INTERVAL = Duration.ofSeconds(30);
  /** How long after a deletion its inodes are skipped (five minutes), and a few seconds more. */
  static final Duration FORGET_DELETED = Duration.ofMinutes(5).plusSeconds(10);
  /**
   * Deletions of fewer files are not waited for. Many more are, as each file created where they
   * were scans past all of them: the 17,073 files of a 3 s run's clean-up made the next run's
   * measurement 16.6 times tmpfs's cost.
   */
  static final long DELETION_WORTH_WAITING = 1_000;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  /** Measures the disk once; {@link FileCreationCost#measure} on a fixed directory in the run. */
  interface Probe {
    FileCreationCost.Cost measure() throws IOException;
  }

  private DiskCheck() {}

  /**
   * Checks the disk holding {@code work} (a new run's directory, beside the last run's record):
   * {@link #settle} with what is known of that disk.
   */
  static FileCreationCost.Cost settle(Path work, Duration settle, PrintStream out) throws IOException, InterruptedException {
    Path parent = work.toAbsolutePath().getParent();
    Optional<Scratch.Deletion> last = parent != null && skipsRecentlyFreedInodes(work)
        ? Scratch.lastDeletion(parent)
        : Optional.empty();
    return settle(() -> FileCreationCost.measure(work), last, settle, INTERVAL, Clock.systemUTC(), out);
  }

  /**
   * Waits, for at most {@code settle} in all, first until {@link #FORGET_DELETED} after {@code last}
   * when it deleted {@link #DELETION_WORTH_WAITING} files or more, then while {@code probe} finds
   * the disk slow, measuring again every {@code interval}; prints what it waits for and each
   * measurement, and a warning for what it stopped waiting for.
   *
   * @return the last measurement
   */
  static FileCreationCost.Cost settle(Probe probe, Optional<Scratch.Deletion> last, Duration settle, Duration interval,
      Clock clock, PrintStream out) throws IOException, InterruptedException {
    Instant deadline = clock.instant().plus(settle);
    Optional<Scratch.Deletion> recent = last
        .filter(d -> d.files() >= DELETION_WORTH_WAITING && clock.instant().isBefore(d.ended().plus(FORGET_DELETED)));
    // When this file system stops skipping the recent deletion's inodes.
    Optional<Instant> forgotten = recent.map(d -> d.ended().plus(FORGET_DELETED));
    if (recent.isPresent()) {
      Instant until = forgotten.get().isBefore(deadline) ? forgotten.get() : deadline;
      if (clock.instant().isBefore(until)) {
        out.printf(Locale.ROOT, "the last run deleted %,d files at %s, which this file system skips when it creates files"
            + " until %s: waiting until %s%n", recent.get().files(), TIME.format(recent.get().ended()), TIME.format(forgotten.get()),
            TIME.format(until));
        sleepUntil(until, clock);
      }
    }
    FileCreationCost.Cost cost = probe.measure();
    out.println(cost.describe());
    while (cost.slow() && clock.instant().isBefore(deadline)) {
      Duration left = Duration.between(clock.instant(), deadline);
      Duration wait = left.compareTo(interval) < 0 ? left : interval;
      out.printf(Locale.ROOT, "the disk creates files slowly: measuring again in %d s (waiting at most %d s more)%n",
          wait.toSeconds(), left.toSeconds());
      Thread.sleep(wait);
      cost = probe.measure();
      out.println(cost.describe());
    }
    if (cost.slow()) {
      out.printf(Locale.ROOT,
          "WARNING: a file costs the disk %.1f times what it costs tmpfs (%.0f or more is slow), as on ext4 without a"
              + " journal within minutes of deleting many files: loads that create files (%s) will measure that, not the"
              + " server. Run again later, or with a longer --settle (docs/benchmarks.md, Files between runs).%n",
          cost.ratio().orElseThrow(), FileCreationCost.SLOW_RATIO, CREATING_FILES_LISTED);
    } else if (recent.isPresent() && clock.instant().isBefore(forgotten.get())) {
      out.printf(Locale.ROOT,
          "WARNING: the last run deleted %,d files at %s, and until %s this file system may still create some files slowly:"
              + " loads that create files (%s) may measure that; a longer --settle waits for it.%n",
          recent.get().files(), TIME.format(recent.get().ended()), TIME.format(forgotten.get()), CREATING_FILES_LISTED);
    }
    return cost;
  }

  /**
   * Whether the file system of {@code dir} may skip recently freed inodes: ext4 without a journal
   * (one whose device has no entry in {@code /proc/fs/jbd2}), and ext4 where that cannot be told.
   */
  static boolean skipsRecentlyFreedInodes(Path dir) {
    try {
      FileStore store = Files.getFileStore(dir);
      if (!store.type().equals("ext4")) {
        return false;
      }
      String device = Path.of(store.name()).getFileName().toString();
      try (Stream<Path> journals = Files.list(Path.of("/proc/fs/jbd2"))) {
        return journals.noneMatch(journal -> journal.getFileName().toString().startsWith(device + "-"));
      }
    } catch (IOException | RuntimeException unknown) {
      return true;
    }
  }

  private static void sleepUntil(Instant until, Clock clock) throws InterruptedException {
    for (Duration left = Duration.between(clock.instant(), until); !left.isNegative() && !left.isZero();
        left = Duration.between(clock.instant(), until)) {
      Thread.sleep(left);
    }
  }
}
