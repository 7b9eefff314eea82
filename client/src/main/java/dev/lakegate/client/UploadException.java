package dev.lakegate.client;

import java.io.IOException;
import java.util.Objects;

/**
 * An upload that failed, carrying the {@link UploadFailure} that says why. It is an {@link
 * IOException} because an upload is I/O; its message is the failure's one-line description and
 * never holds a token or secret.
 */
public final class UploadException extends IOException {
  private final UploadFailure failure;

  public UploadException(UploadFailure failure) {
    super(failure.describe());
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  public UploadException(UploadFailure failure, Throwable cause) {
    super(failure.describe(), cause);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  public UploadFailure failure() {
    return failure;
  }
}
