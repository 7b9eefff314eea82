package dev.lakegate.lake.local;

import java.security.MessageDigest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A body written in full to its staging file, whose MD5 may still be being computed
 * ({@link StagingArea#stage}); {@link #verify} turns it into a {@link StagedFile} once the MD5
 * is known and matches.
 */
record ReceivedBody(Path path, PendingMd5 md5, long size) {
  ReceivedBody {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(md5, "md5");
  }

  /**
   * The staged file, once its MD5 is known and equals {@code expectedMd5} when one is given; else
   * the file is deleted and the upload refused.
   *
   * @throws S3ErrorException {@code BadDigest} when the MD5 differs, {@code InternalError} when it
   *     could not be computed
   */
  StagedFile verify(Optional<byte[]> expectedMd5) {
    boolean kept = false;
    try {
      byte[] actual;
      try {
        actual = md5.get();
      } catch (IllegalStateException e) {
        throw new S3ErrorException(S3Error.INTERNAL_ERROR, "the body's MD5 could not be computed", e);
      }
      if (expectedMd5.isPresent() && !MessageDigest.isEqual(actual, expectedMd5.get())) {
        throw new S3ErrorException(S3Error.BAD_DIGEST, "body MD5 differs from Content-MD5");
      }
      kept = true;
      return new StagedFile(path, actual, size);
    } finally {
      if (!kept) {
        StagingArea.deleteQuietly(path);
      }
    }
  }
}
