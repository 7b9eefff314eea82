package dev.lakegate.core.lake;

import java.util.Objects;

/**
 * A part of a multipart upload as the store lists it.
 *
 * @param etag the part's ETag, quoted as S3 returns it ({@code "\"9e107d9d...\""})
 */
public record UploadedPart(int partNumber, String etag, long size) {
  public UploadedPart {
    Objects.requireNonNull(etag, "etag");
  }
}
