package dev.lakegate.client.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token from the token endpoint and the instant from which the client fetches a new one
 * instead ({@code renewAt}, ahead of the real expiry so that a token never runs out in flight).
 * {@link #toString()} masks the token.
 */
public record AccessToken(String value, Instant renewAt, Instant expiresAt) {
  /** Renew when a fifth of the lifetime is left, but never later than 5 minutes nor sooner than 10 s ahead. */
  static final Duration MAX_MARGIN = Duration.ofMinutes(5);
  static final Duration MIN_MARGIN = Duration.ofSeconds(10);

  public AccessToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(renewAt, "renewAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** A token obtained at {@code now} that the server says lasts {@code lifetime}. */
  public static AccessToken issued(String value, Instant now, Duration lifetime) {
    Duration margin = lifetime.dividedBy(5);
    if (margin.compareTo(MAX_MARGIN) > 0) {
      margin = MAX_MARGIN;
    }
    if (margin.compareTo(MIN_MARGIN) < 0) {
      margin = MIN_MARGIN;
    }
    Instant expiresAt = now.plus(lifetime);
    return new AccessToken(value, expiresAt.minus(margin), expiresAt);
  }

  /** Whether the token may still be sent at {@code now}. */
  public boolean usableAt(Instant now) {
    return now.isBefore(renewAt);
  }

  @Override
  public String toString() {
    return "AccessToken[****, renewAt=" + renewAt + ", expiresAt=" + expiresAt + "]";
  }
}
