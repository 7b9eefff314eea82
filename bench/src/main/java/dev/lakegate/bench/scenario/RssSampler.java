package dev.lakegate.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 5: samples a process's resident set size ({@code VmRSS} of {@code /proc/<pid>/status})
 * every few milliseconds while a load runs and keeps the peak. Linux only; elsewhere it reports
 * nothing rather than a wrong number.
 */
public final class RssSampler implements AutoCloseable {
  private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+)\\s+kB");

  private final Path status;
  private final AtomicLong peakKib = new AtomicLong(-1);
  private final Thread sampler;
  private volatile boolean running = true;

  private RssSampler(long pid, long intervalMillis) {
    this.status = Path.of("/proc", Long.toString(pid), "status");
    this.sampler = Thread.ofPlatform().daemon().name("rss-" + pid).start(() -> {
      while (running) {
        readKib().ifPresent(kib -> peakKib.accumulateAndGet(kib, Math::max));
        try {
          Thread.sleep(intervalMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  /** Starts sampling {@code pid} every {@code intervalMillis}. */
  public static RssSampler watch(long pid, long intervalMillis) {
    return new RssSampler(pid, intervalMillis);
  }

  /** The largest resident set seen so far, in MiB; empty when none could be read. */
  public Optional<Double> peakMib() {
    long kib = peakKib.get();
    return kib < 0 ? Optional.empty() : Optional.of(kib / 1024.0);
  }

  private Optional<Long> readKib() {
    try {
      Matcher matcher = VM_RSS.matcher(Files.readString(status));
      return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    readKib().ifPresent(kib -> peakKib.accumulateAndGet(kib, Math::max));
  }
}
