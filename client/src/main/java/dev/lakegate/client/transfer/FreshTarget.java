package dev.lakegate.client.transfer;

import dev.lakegate.client.UploadException;
import dev.lakegate.client.transfer.UploadApi.PresignedTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A presigned URL that is asked for again once it is old: the server signs for 600 s ({@code
 * contract.md} §4), and a retry after a long failed attempt must not present an expired URL and
 * get a final 403.
 */
final class FreshTarget {
  /** Comfortably inside the 600 s the server signs for. */
  static final Duration MAX_AGE = Duration.ofMinutes(8);

  /** Asks the API for a presigned URL. */
  @FunctionalInterface
  interface Presigner {
    PresignedTarget presign() throws UploadException;
  }

  private final Presigner presigner;
  private final Clock clock;
  private @Nullable PresignedTarget target;
  private Instant obtained = Instant.MIN;

  FreshTarget(Presigner presigner, Clock clock) {
    this.presigner = presigner;
    this.clock = clock;
  }

  /** The current URL, or a new one when there is none yet or it is older than {@link #MAX_AGE}. */
  PresignedTarget get() throws UploadException {
    Instant now = clock.instant();
    PresignedTarget current = target;
    if (current == null || Duration.between(obtained, now).compareTo(MAX_AGE) > 0) {
      current = presigner.presign();
      target = current;
      obtained = now;
    }
    return current;
  }

  /** The URL handed out last; call only after {@link #get()}. */
  PresignedTarget last() {
    PresignedTarget current = target;
    if (current == null) {
      throw new IllegalStateException("no URL was asked for yet");
    }
    return current;
  }
}
