package dev.lakegate.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long the client retries a call that failed for a reason that may pass: HTTP
 * 429, any 5xx, or an I/O error. Waits grow exponentially from {@code initialBackoff} up to {@code
 * maxBackoff}, with random jitter so that parallel parts do not retry in lock step; a call gives up
 * after {@code maxAttempts} attempts or once {@code maxElapsed} has passed since its first attempt.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxElapsed) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    requirePositive(initialBackoff, "initialBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    requirePositive(maxElapsed, "maxElapsed");
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff");
    }
  }

  /** Eight attempts, waits from 250 ms doubling up to 15 s, at most 5 minutes per call. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(15), Duration.ofMinutes(5));
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
