package dev.lakegate.client.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A server answered a call with an error status. Transient when the status is 429 or 5xx (the
 * {@link Retrier} tries again, honouring {@code Retry-After}); any other status is final.
 */
public final class ServerResponseException extends IOException {
  private final int status;
  private final String serverMessage;
  private final transient Optional<Duration> retryAfter;

  public ServerResponseException(String call, int status, String serverMessage, Optional<Duration> retryAfter) {
    super(call + ": HTTP " + status + ": " + serverMessage);
    this.status = status;
    this.serverMessage = serverMessage;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  public String serverMessage() {
    return serverMessage;
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /** Whether trying again may succeed: 429 Too Many Requests or any server error. */
  public boolean isTransient() {
    return status == 429 || status >= 500;
  }
}
