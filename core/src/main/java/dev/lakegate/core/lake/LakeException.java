package dev.lakegate.core.lake;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A failure of the object store that the upload operations report to the caller as a 4xx or 5xx.
 * The message is for the log; callers see only what the reason maps to.
 */
public final class LakeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the store refused or failed. */
  public enum Reason {
    /** The upload id is not (or no longer) known to the store. */
    NO_SUCH_UPLOAD,
    /** The bucket does not exist. */
    NO_SUCH_BUCKET,
    /** The store denied the credentials or the action. */
    ACCESS_DENIED,
    /** A part other than the last is below 5 MiB. */
    ENTITY_TOO_SMALL,
    /** A listed part is missing or its ETag does not match. */
    INVALID_PART,
    /** The key is not acceptable to the store (path traversal, bad characters, too long). */
    INVALID_KEY,
    /** The store could not be reached or failed; worth retrying. */
    UNAVAILABLE
  }

  private final Reason reason;

  public LakeException(Reason reason, String message) {
    this(reason, message, null);
  }

  public LakeException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
