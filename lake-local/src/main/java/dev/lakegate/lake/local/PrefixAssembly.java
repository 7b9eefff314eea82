package dev.lakegate.lake.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parts 1..n of a multipart upload concatenated in one file of the upload's directory, named
 * {@code assembly.<n>} and extended as the parts arrive. A completion that asks for parts 1..k in
 * order (k ≤ n), the usual case, renames this file into place instead of copying the whole object
 * then: the copy and its fsync happen while later parts are still on their way. It is a head start
 * and nothing more. Whenever it might not hold exactly the stored parts it counts (one of them is
 * being replaced, or after a crash its length does not add up) it is cut back or deleted, and a
 * completion without it copies the parts as before ({@link PartAssembly#writeTo}). Every call runs
 * under the upload's lock.
 */
final class PrefixAssembly {
  private static final String PREFIX = "assembly.";
  private static final Set<OpenOption> CREATE_FOR_WRITING = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  private static final FileAttribute<?>[] OWNER_ONLY =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
          : new FileAttribute<?>[0];

  /** The assembly file of an upload and how many parts it counts. */
  private record Found(Path file, int parts) {}

  private PrefixAssembly() {}

  /**
   * Before part {@code number} is stored (again): deletes the assembly if it holds that part, and
   * makes the deletion durable before the new part's rename can be, so that no crash leaves the old
   * bytes under a name that counts the new part.
   */
  static void forgetPart(Path upload, int number) throws IOException {
    Optional<Found> found = find(upload);
    if (found.isPresent() && found.get().parts() >= number) {
      Files.deleteIfExists(found.get().file());
      DurableFiles.forceDirectory(upload);
    }
  }

  /**
   * After a part is stored: appends the {@code stored} parts (in part-number order) that follow the
   * assembly without a gap, makes them durable, and renames the file to count them; the caller
   * fsyncs the directory. A failure drops the assembly, leaving the completion to copy.
   */
  static void extend(Path upload, List<MultipartStore.StoredPart> stored) {
    Optional<Found> found;
    try {
      found = find(upload);
    } catch (IOException e) {
      return;
    }
    int held = found.map(Found::parts).orElse(0);
    int upTo = consecutive(stored);
    if (upTo <= held) {
      if (upTo < held) {
        // Fewer stored parts in sequence than it counts: it cannot be what it claims.
        found.ifPresent(f -> StagingArea.deleteQuietly(f.file()));
      }
      return;
    }
    Path file = found.map(Found::file).orElse(upload.resolve(PREFIX + 0));
    try {
      try (FileChannel out = FileChannel.open(file, CREATE_FOR_WRITING, OWNER_ONLY)) {
        long position = lengthOf(stored, held);
        if (out.size() < position) {
          throw new IOException("assembly shorter than the parts it counts: " + file);
        }
        // Bytes beyond them are what a crash left of a later append.
        out.truncate(position).position(position);
        for (MultipartStore.StoredPart part : stored.subList(held, upTo)) {
          try (FileChannel in = FileChannel.open(part.file(), StandardOpenOption.READ)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
              done += in.transferTo(done, size - done, out);
            }
          }
        }
        out.force(true);
      }
      Files.move(file, upload.resolve(PREFIX + upTo), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      StagingArea.deleteQuietly(file);
    }
  }

  /**
   * The assembly cut to {@code chosen}, durable, when {@code chosen} are the stored parts 1..k in
   * order and the assembly holds at least them; else empty, and the caller copies the parts. On
   * success the caller renames the file away (into the lake).
   */
  static Optional<Path> take(Path upload, List<MultipartStore.StoredPart> stored, List<MultipartStore.StoredPart> chosen)
      throws IOException {
    Optional<Found> found = find(upload);
    if (found.isEmpty()
        || consecutive(chosen) != chosen.size()
        || chosen.size() > found.get().parts()
        || consecutive(stored) < found.get().parts()) {
      return Optional.empty();
    }
    Path file = found.get().file();
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (out.size() < lengthOf(stored, found.get().parts())) {
        return Optional.empty();
      }
      out.truncate(lengthOf(chosen, chosen.size()));
      out.force(true);
    }
    return Optional.of(file);
  }

  /** How many of {@code parts}, from the first, are numbered 1, 2, 3, ... without a gap. */
  private static int consecutive(List<MultipartStore.StoredPart> parts) {
    int n = 0;
    while (n < parts.size() && parts.get(n).number() == n + 1) {
      n++;
    }
    return n;
  }

  private static long lengthOf(List<MultipartStore.StoredPart> parts, int count) {
    long length = 0;
    for (MultipartStore.StoredPart part : parts.subList(0, count)) {
      length += part.size();
    }
    return length;
  }

  /** The upload's assembly; more than one, or a name that does not parse, are deleted as doubtful. */
  private static Optional<Found> find(Path upload) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> matching = Files.newDirectoryStream(upload, PREFIX + "*")) {
      matching.forEach(files::add);
    }
    if (files.size() == 1) {
      String count = files.get(0).getFileName().toString().substring(PREFIX.length());
      if (count.matches("\\d{1,5}")) {
        return Optional.of(new Found(files.get(0), Integer.parseInt(count)));
      }
    }
    files.forEach(StagingArea::deleteQuietly);
    return Optional.empty();
  }
}
