package dev.lakegate.lake.local;

import dev.lakegate.core.lake.UploadedPart;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The completion of a multipart upload as S3 defines it: the requested parts must all exist with
 * the ETags given, each but the last must hold at least 5 MiB, and the object is their bytes
 * concatenated in the order requested. Its ETag is the hex MD5 of the parts' binary MD5s followed
 * by {@code -N}. Copying goes channel to channel, so memory does not grow with the object.
 */
final class PartAssembly {
  /** S3's minimum size of every part but the last. */
  static final long MIN_PART_BYTES = 5L * 1024 * 1024;

  private final List<MultipartStore.StoredPart> parts;

  private PartAssembly(List<MultipartStore.StoredPart> parts) {
    this.parts = List.copyOf(parts);
  }

  /**
   * Matches the requested parts with the stored ones.
   *
   * @throws S3ErrorException {@code InvalidPart} for no parts, an unknown or repeated part number,
   *     or an ETag that differs; {@code EntityTooSmall} for a short part before the last
   */
  static PartAssembly check(List<MultipartStore.StoredPart> stored, List<UploadedPart> requested) {
    if (requested.isEmpty()) {
      throw new S3ErrorException(S3Error.INVALID_PART, "a completion needs at least one part");
    }
    Map<Integer, MultipartStore.StoredPart> byNumber = new HashMap<>();
    stored.forEach(p -> byNumber.put(p.number(), p));
    Set<Integer> seen = new HashSet<>();
    List<MultipartStore.StoredPart> chosen = new java.util.ArrayList<>();
    for (UploadedPart wanted : requested) {
      MultipartStore.StoredPart part = byNumber.get(wanted.partNumber());
      if (part == null || !seen.add(wanted.partNumber()) || !part.md5Hex().equals(unquoted(wanted.etag()))) {
        throw new S3ErrorException(
            S3Error.INVALID_PART, "part " + wanted.partNumber() + " is missing, repeated or has another ETag");
      }
      chosen.add(part);
    }
    for (int i = 0; i < chosen.size() - 1; i++) {
      if (chosen.get(i).size() < MIN_PART_BYTES) {
        throw new S3ErrorException(
            S3Error.ENTITY_TOO_SMALL, "part " + chosen.get(i).number() + " is below 5 MiB and not the last");
      }
    }
    return new PartAssembly(chosen);
  }

  /** The parts chosen, in the order of the object. */
  List<MultipartStore.StoredPart> parts() {
    return parts;
  }

  /** Concatenates the parts into {@code file} (which exists and is empty) and fsyncs it. */
  void writeTo(Path file) throws IOException {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (MultipartStore.StoredPart part : parts) {
        append(part.file(), out);
      }
      out.force(true);
    }
  }

  /** Copies the whole of {@code part} to {@code out} at its position (in the kernel where it can); returns its length. */
  static long append(Path part, FileChannel out) throws IOException {
    try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
      long size = in.size();
      for (long done = 0; done < size; ) {
        done += in.transferTo(done, size - done, out);
      }
      return size;
    }
  }

  /** {@code "<hex md5 of the binary part MD5s>-N"}, quoted. */
  String etag() {
    MessageDigest md5 = StagingArea.newMd5();
    for (MultipartStore.StoredPart part : parts) {
      md5.update(HexFormat.of().parseHex(part.md5Hex()));
    }
    return "\"" + HexFormat.of().formatHex(md5.digest()) + "-" + parts.size() + "\"";
  }

  private static String unquoted(String etag) {
    String e = etag.strip();
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
      e = e.substring(1, e.length() - 1);
    }
    return e.toLowerCase(Locale.ROOT);
  }
}
