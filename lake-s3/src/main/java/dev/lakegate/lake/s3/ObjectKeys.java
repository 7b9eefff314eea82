package dev.lakegate.lake.s3;

import dev.lakegate.core.lake.LakeException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The keys this lake accepts ({@code Lake} port contract: refuse any key that would leave the
 * bucket). S3 itself has no directories to escape, but the same keys are written by the filesystem
 * lake and read by tools that treat {@code /} as a separator, so both lakes refuse the same shapes.
 * Keys under {@link #RESERVED_PREFIX} are this lake's own records and are never given out.
 */
final class ObjectKeys {
  /** Where this lake keeps its own records (multipart ownership). */
  static final String RESERVED_PREFIX = ".lakegate/";

  /** S3's limit on a key, in UTF-8 bytes. */
  private static final int MAX_KEY_BYTES = 1024;

  private ObjectKeys() {}

  /** Returns {@code key} when acceptable, else throws {@link LakeException} with {@code INVALID_KEY}. */
  static String check(String key) {
    return check(key, 0);
  }

  /**
   * As {@link #check(String)}, for a key that also names a reserved record {@code overhead} bytes
   * longer, which must itself fit S3's limit.
   */
  static String check(String key, int overhead) {
    String problem = problem(key, MAX_KEY_BYTES - overhead);
    if (problem != null) {
      throw new LakeException(LakeException.Reason.INVALID_KEY, "key refused (" + problem + ")");
    }
    return key;
  }

  private static @Nullable String problem(String key, int maxBytes) {
    if (key.isEmpty()) {
      return "empty";
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      return "longer than " + maxBytes + " bytes";
    }
    if (key.startsWith("/")) {
      return "leading slash";
    }
    if (key.startsWith(RESERVED_PREFIX)) {
      return "reserved prefix";
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        return "control character or backslash at " + i;
      }
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return "empty, '.' or '..' segment";
      }
    }
    return null;
  }
}
