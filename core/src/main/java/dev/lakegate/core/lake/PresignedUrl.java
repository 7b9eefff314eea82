package dev.lakegate.core.lake;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/** A presigned URL (AWS Signature V4 query authentication) and the instant it stops being accepted. */
public record PresignedUrl(URI url, Instant expiresAt) {
  public PresignedUrl {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
