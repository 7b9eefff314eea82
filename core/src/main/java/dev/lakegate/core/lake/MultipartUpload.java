package dev.lakegate.core.lake;

import java.time.Instant;
import java.util.Objects;

/** A multipart upload in progress: its id, the app client that started it and when. */
public record MultipartUpload(String key, String uploadId, String owner, Instant startedAt) {
  public MultipartUpload {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(uploadId, "uploadId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
