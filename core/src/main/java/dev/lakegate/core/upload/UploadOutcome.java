package dev.lakegate.core.upload;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one upload-API request and, when it is a refusal or failure, the reason behind it
 * for the edge's log.
 */
public record UploadOutcome(ApiResponse response, Optional<UploadFailure> failure) {
  public UploadOutcome {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(failure, "failure");
  }

  static UploadOutcome success(ApiResponse response) {
    return new UploadOutcome(response, Optional.empty());
  }

  static UploadOutcome refused(UploadFailure failure) {
    return new UploadOutcome(UploadResponses.failure(failure), Optional.of(failure));
  }
}
