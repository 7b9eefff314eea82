package dev.lakegate.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.client.RetryPolicy;
import dev.lakegate.client.UploadException;
import dev.lakegate.client.UploadFailure;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
  private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(10));

  private final Retrier retrier = new Retrier(FAST, Clock.systemUTC(), new Random(7));

  @Test
  void retriesServerErrorsAndIoErrorsUntilTheCallSucceeds() throws UploadException {
    AtomicInteger attempts = new AtomicInteger();

    String result = retrier.call("op", () -> switch (attempts.incrementAndGet()) {
      case 1 -> throw new ServerResponseException("op", 503, "busy", Optional.empty());
      case 2 -> throw new IOException("connection reset");
      case 3 -> throw new ServerResponseException("op", 429, "slow down", Optional.empty());
      default -> "done";
    });

    assertThat(result).isEqualTo("done");
    assertThat(attempts).hasValue(4);
  }

  @Test
  void failsAtOnceOnAClientErrorWithTheServersMessage() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> retrier.call("multi_upload", () -> {
      attempts.incrementAndGet();
      throw new ServerResponseException("multi_upload", 400, "Missing required request parameters: [source]",
          Optional.empty());
    }))
        .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.failure())
            .isEqualTo(new UploadFailure.Rejected("multi_upload", 400, "Missing required request parameters: [source]")))
        .hasMessageContaining("HTTP 400");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void givesUpAfterTheAttemptBudgetNamingTheLastError() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> retrier.call("PUT part 2", () -> {
      attempts.incrementAndGet();
      throw new ServerResponseException("PUT", 500, "InternalError", Optional.empty());
    }))
        .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.failure())
            .isInstanceOfSatisfying(UploadFailure.GaveUp.class, g -> {
              assertThat(g.attempts()).isEqualTo(4);
              assertThat(g.lastError()).contains("InternalError");
            }));
    assertThat(attempts).hasValue(4);
  }

  @Test
  void givesUpWhenTheTimeBudgetWouldBeExceeded() {
    RetryPolicy shortBudget = new RetryPolicy(100, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(500));
    Retrier impatient = new Retrier(shortBudget, Clock.systemUTC(), new Random(1));
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> impatient.call("op", () -> {
      attempts.incrementAndGet();
      throw new IOException("down");
    })).isInstanceOf(UploadException.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void backoffGrowsExponentiallyWithJitterUpToTheCeiling() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1600), Duration.ofMinutes(1));
    Retrier subject = new Retrier(policy, Clock.systemUTC(), new Random(3));

    for (int n = 1; n <= 8; n++) {
      long ceiling = Math.min(1600, 100L << (n - 1));
      assertThat(subject.backoff(n).toMillis()).isBetween(ceiling / 2, ceiling);
    }
  }
}
