package dev.lakegate.lake.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The rule that keeps every object inside its bucket directory: a key is a relative path of
 * non-empty segments, none of them {@code .} or {@code ..}, without backslashes, NUL or control
 * characters or lone surrogates (which no UTF-8 key can hold), at most 1024 UTF-8 bytes (S3's
 * limit), and its resolved path must still lie under the bucket directory. Keys that S3 would accept but a filesystem cannot hold safely are refused
 * rather than rewritten, so a stored object's path always equals its key.
 */
final class ObjectKey {
  /** S3's maximum key length in UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1024;

  private ObjectKey() {}

  /**
   * The file of {@code key} under {@code bucketDir}.
   *
   * @throws S3ErrorException {@link S3Error#KEY_TOO_LONG} or {@link S3Error#INVALID_ARGUMENT}
   */
  static Path resolve(Path bucketDir, String key) {
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new S3ErrorException(S3Error.KEY_TOO_LONG, "key longer than " + MAX_KEY_BYTES + " bytes");
    }
    if (key.isEmpty() || key.startsWith("/")) {
      throw invalid("key is empty or starts with /");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        throw invalid("key holds a control character or a backslash");
      }
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 == key.length() || !Character.isLowSurrogate(key.charAt(i + 1))) {
          throw invalid("key holds a lone surrogate, which is not Unicode text");
        }
        i++;
      }
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw invalid("key has an empty, . or .. segment");
      }
    }
    Path base = bucketDir.toAbsolutePath().normalize();
    Path file = base.resolve(key).normalize();
    // Belt and braces: the checks above already exclude every way out, but the filesystem has the
    // last word on what a path means.
    if (!file.startsWith(base) || file.equals(base)) {
      throw invalid("key resolves outside the bucket directory");
    }
    return file;
  }

  private static S3ErrorException invalid(String detail) {
    return new S3ErrorException(S3Error.INVALID_ARGUMENT, detail);
  }
}
