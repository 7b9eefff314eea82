package dev.lakegate.core.lake;

import java.util.Objects;

/**
 * A completed multipart upload.
 *
 * @param etag the object's ETag as S3 returns it: quoted, MD5 of the parts' MD5s, then {@code -N}
 * @param parts the number of parts it was assembled from
 */
public record CompletedMultipart(String key, String etag, int parts) {
  public CompletedMultipart {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(etag, "etag");
  }
}
