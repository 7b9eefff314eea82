package dev.lakegate.bench.load;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How much load to send: {@code concurrency} workers, each on its own keep-alive connection, until
 * {@code duration} has passed or {@code maxRequests} requests were sent, whichever comes first.
 * With a {@code ratePerSecond} the requests are paced on a fixed schedule and latency counts from
 * each request's scheduled start, so a stalled server cannot hide its queueing (no coordinated
 * omission); without one every worker sends as fast as answers come.
 */
public record LoadPlan(int concurrency, Duration duration, long maxRequests, OptionalDouble ratePerSecond) {

  public LoadPlan {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(ratePerSecond, "ratePerSecond");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, got " + duration);
    }
    if (maxRequests < 1) {
      throw new IllegalArgumentException("maxRequests must be at least 1, got " + maxRequests);
    }
    if (ratePerSecond.isPresent() && !(ratePerSecond.getAsDouble() > 0)) {
      throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond.getAsDouble());
    }
  }

  /** As fast as answers come. */
  public static LoadPlan closed(int concurrency, Duration duration, long maxRequests) {
    return new LoadPlan(concurrency, duration, maxRequests, OptionalDouble.empty());
  }

  /**
   * When the request numbered {@code sequence} of a paced plan is due, in {@link System#nanoTime}
   * terms, for a run that began at {@code start}.
   */
  public long slot(long start, long sequence) {
    return start + (long) (sequence * 1e9 / ratePerSecond.orElseThrow());
  }

  /** This plan paced at {@code perSecond} requests per second. */
  public LoadPlan atRate(double perSecond) {
    return new LoadPlan(concurrency, duration, maxRequests, OptionalDouble.of(perSecond));
  }
}
