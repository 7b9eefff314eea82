package dev.lakegate.lake.local;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A received body, complete and fsynced in the staging directory, not yet visible in any bucket.
 *
 * @param md5 the MD5 of its bytes, computed while they were written
 */
@SuppressWarnings("ArrayRecordComponent") // the digest is copied in and out
record StagedFile(Path path, byte[] md5, long size) {
  StagedFile {
    Objects.requireNonNull(path, "path");
    md5 = md5.clone();
  }

  @Override
  public byte[] md5() {
    return md5.clone();
  }

  /** The S3 ETag of a single-part object: the quoted hex MD5. */
  String etag() {
    return "\"" + HexFormat.of().formatHex(md5) + "\"";
  }
}
