package dev.lakegate.client.http;

import dev.lakegate.client.RetryPolicy;
import dev.lakegate.client.UploadException;
import dev.lakegate.client.UploadFailure;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLHandshakeException;

/**
 * Runs a call under a {@link RetryPolicy}: an I/O error or a transient {@link
 * ServerResponseException} (429, 5xx) is tried again after an exponentially growing, jittered
 * wait, at least the server's {@code Retry-After}; any other status fails at once with the server's
 * message, and so does a TLS handshake the client refuses (an untrusted certificate does not get
 * trusted by waiting); an {@link UploadException} from inside passes through untouched.
 */
public final class Retrier {
  private final RetryPolicy policy;
  private final Clock clock;
  private final RandomGenerator random;

  public Retrier(RetryPolicy policy, Clock clock, RandomGenerator random) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** One attempt of a call. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws IOException, InterruptedException;
  }

  /**
   * Runs {@code attempt} until it succeeds, fails for good, or the policy's budget is spent.
   *
   * @param call what is being done, for messages ("multi_upload part 3")
   */
  public <T> T call(String call, Attempt<T> attempt) throws UploadException {
    Instant start = clock.instant();
    for (int n = 1; ; n++) {
      IOException failure;
      try {
        return attempt.run();
      } catch (UploadException e) {
        throw e;
      } catch (ServerResponseException e) {
        if (!e.isTransient()) {
          throw new UploadException(new UploadFailure.Rejected(call, e.status(), e.serverMessage()), e);
        }
        failure = e;
      } catch (SSLHandshakeException e) {
        throw new UploadException(new UploadFailure.UntrustedServer(call, String.valueOf(e.getMessage())), e);
      } catch (IOException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UploadException(new UploadFailure.Interrupted(call), e);
      }
      Duration wait = backoff(n);
      if (failure instanceof ServerResponseException s && s.retryAfter().isPresent()
          && s.retryAfter().get().compareTo(wait) > 0) {
        wait = s.retryAfter().get();
      }
      Duration spent = Duration.between(start, clock.instant());
      if (n >= policy.maxAttempts() || spent.plus(wait).compareTo(policy.maxElapsed()) > 0) {
        throw new UploadException(new UploadFailure.GaveUp(call, n, describe(failure)), failure);
      }
      pause(call, wait);
    }
  }

  /**
   * The wait after failed attempt {@code n} (1-based): half of {@code min(max, initial * 2^(n-1))}
   * plus a random share of the other half, so waits grow but parallel callers spread out.
   */
  Duration backoff(int n) {
    long initial = policy.initialBackoff().toMillis();
    long ceiling = policy.maxBackoff().toMillis();
    long exponential = n >= 31 ? ceiling : Math.min(ceiling, initial << (n - 1));
    long half = Math.max(1, exponential / 2);
    return Duration.ofMillis(half + random.nextLong(half + 1));
  }

  private static void pause(String call, Duration wait) throws UploadException {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UploadException(new UploadFailure.Interrupted(call), e);
    }
  }

  private static String describe(IOException failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
