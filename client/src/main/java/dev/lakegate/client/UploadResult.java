package dev.lakegate.client;

import java.time.Duration;
import java.util.Objects;

/**
 * One object that arrived in the lake: what was uploaded ({@code source}, a path or a stream's
 * name), the object's uuid, its size and ETag as the lake reports it, how long the upload took,
 * and how many body bytes this run sent (less than {@code bytes} when a multipart upload was
 * resumed, more when parts were retried).
 */
public record UploadResult(String source, String uuid, long bytes, String etag, Duration elapsed, long bytesSent) {
  public UploadResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
