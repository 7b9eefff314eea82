package dev.lakegate.lake.local;

import java.util.Objects;

/**
 * A refused lake request: the {@link S3Error} the caller gets, and a detail for the log only.
 * Raised inside this module and turned into an XML error response in one place,
 * {@link LocalLakeEndpoint}.
 */
final class S3ErrorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final S3Error error;

  S3ErrorException(S3Error error, String detail) {
    this(error, detail, null);
  }

  S3ErrorException(S3Error error, String detail, @org.jspecify.annotations.Nullable Throwable cause) {
    super(detail, cause);
    this.error = Objects.requireNonNull(error, "error");
  }

  S3Error error() {
    return error;
  }
}
