package dev.lakegate.core.lake;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A presigned URL (AWS Signature V4 query authentication) and the instant it stops being accepted.
 * The URL is kept as the text a caller is given: the server hands it on without parsing it again.
 */
public record PresignedUrl(String url, Instant expiresAt) {
  public PresignedUrl {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The URL parsed, for a caller that sends a request to it. */
  public URI uri() {
    return URI.create(url);
  }
}
