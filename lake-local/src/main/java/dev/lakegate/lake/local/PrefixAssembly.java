package dev.lakegate.lake.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parts 1..n of a multipart upload concatenated in one file of the upload's directory, named
 * {@code assembly.<n>} and extended as the parts arrive. A completion that asks for parts 1..k in
 * order, the usual case, appends what the file lacks of them (usually nothing), cuts off what it
 * holds beyond them, and renames it into place: the copying and its fsync happen while later parts
 * are still on their way, not while the completion waits. Whenever the file might not hold exactly
 * the stored parts it counts (one of them is being replaced, or after a crash its length does not
 * add up) it is cut back or deleted and built again from the parts. A completion with any other
 * list of parts copies them ({@link PartAssembly#writeTo}). Every call runs under the upload's
 * lock, is told which assembly the upload holds ({@link MultipartStore}'s listing of it) and
 * returns the one it holds afterwards, so that storing a part does not list the directory.
 */
final class PrefixAssembly {
  private static final String PREFIX = "assembly.";
  private static final Set<OpenOption> CREATE_FOR_WRITING = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);

  /** The assembly file of an upload and how many parts it counts. */
  record Held(Path file, int parts) {}

  private PrefixAssembly() {}

  /**
   * Before part {@code number} is stored (again): deletes the assembly if it holds that part, and
   * makes the deletion durable before the new part's rename can be, so that no crash leaves the old
   * bytes under a name that counts the new part. Returns the assembly the upload holds then.
   */
  static Optional<Held> forgetPart(Path upload, Optional<Held> held, int number) throws IOException {
    if (held.isPresent() && held.get().parts() >= number) {
      Files.deleteIfExists(held.get().file());
      DurableFiles.forceDirectory(upload);
      return Optional.empty();
    }
    return held;
  }

  /**
   * After a part is stored: appends the {@code stored} parts (in part-number order) that follow the
   * assembly without a gap, up to about {@code budget} bytes (at least one part), makes them
   * durable, and renames the file to count them; the caller fsyncs the directory. The budget bounds
   * what one part's {@code PUT} waits for when it closes a long gap (an early part uploaded again
   * late): the completion appends whatever is left. A failure drops the assembly. Returns the
   * assembly the upload holds then.
   */
  static Optional<Held> extend(Path upload, Optional<Held> held, List<MultipartStore.StoredPart> stored, long budget) {
    try {
      int count = held.map(Held::parts).orElse(0);
      int upTo = consecutive(stored);
      if (upTo < count && held.isPresent()) {
        // Fewer stored parts in sequence than it counts: it cannot be what it claims.
        Files.delete(held.get().file());
        return Optional.empty();
      } else if (upTo > count) {
        return Optional.of(append(upload, held, stored, upTo, budget));
      }
      return held;
    } catch (IOException | RuntimeException e) {
      dropQuietly(upload);
      return Optional.empty();
    }
  }

  /**
   * When {@code chosen} are the stored parts 1..k in order: the assembly holding exactly them,
   * durable, after appending those it lacks and cutting off those beyond; the caller renames it
   * into the lake. Else empty, and the caller copies the parts.
   */
  static Optional<Path> take(Path upload, Optional<Held> held, List<MultipartStore.StoredPart> stored,
      List<MultipartStore.StoredPart> chosen) throws IOException {
    int k = chosen.size();
    if (consecutive(chosen) != k) {
      return Optional.empty();
    }
    Optional<Held> found = held.filter(h -> holdsWhatItCounts(h, stored));
    if (held.isPresent() && found.isEmpty()) {
      // It cannot be what it claims: assemble the parts afresh.
      Files.deleteIfExists(held.get().file());
    }
    Path file = found.isPresent() && found.get().parts() >= k
        ? found.get().file()
        : append(upload, found, stored, k, Long.MAX_VALUE).file();
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      out.truncate(lengthOf(chosen, k));
      out.force(true);
    }
    return Optional.of(file);
  }

  /** Whether the assembly is there, at least as long as the parts it counts, which are stored in sequence. */
  private static boolean holdsWhatItCounts(Held held, List<MultipartStore.StoredPart> stored) {
    try {
      return consecutive(stored) >= held.parts() && Files.size(held.file()) >= lengthOf(stored, held.parts());
    } catch (IOException gone) {
      return false;
    }
  }

  /**
   * Appends {@code stored} parts after those {@code found} holds, through part {@code through} or
   * until {@code budget} bytes are appended, forces them, and returns the file renamed to count them.
   */
  private static Held append(Path upload, Optional<Held> found, List<MultipartStore.StoredPart> stored, int through,
      long budget) throws IOException {
    int held = found.map(Held::parts).orElse(0);
    Path file = found.map(Held::file).orElse(upload.resolve(PREFIX + 0));
    int count = held;
    try (FileChannel out = FileChannel.open(file, CREATE_FOR_WRITING, StagingArea.ownerOnly(upload))) {
      long position = lengthOf(stored, held);
      if (out.size() < position) {
        throw new IOException("assembly shorter than the parts it counts: " + file);
      }
      // Bytes beyond them are what a crash left of a later append.
      out.truncate(position).position(position);
      for (long appended = 0; count < through && (count == held || appended < budget); count++) {
        appended += PartAssembly.append(stored.get(count).file(), out);
      }
      out.force(true);
    }
    Path counted = upload.resolve(PREFIX + count);
    Files.move(file, counted, StandardCopyOption.ATOMIC_MOVE);
    return new Held(counted, count);
  }

  /** Deletes every assembly file of the upload, reporting nothing. */
  private static void dropQuietly(Path upload) {
    try (DirectoryStream<Path> matching = Files.newDirectoryStream(upload, PREFIX + "*")) {
      matching.forEach(StagingArea::deleteQuietly);
    } catch (IOException e) {
      // A file left is checked against its parts before it is used.
    }
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

  /** Whether {@code file} is named as an assembly is. */
  static boolean isAssembly(Path file) {
    return file.getFileName().toString().startsWith(PREFIX);
  }

  /**
   * The upload's assembly among {@code files}, the assembly files its directory holds; more than
   * one, or a name that does not parse, are deleted as doubtful.
   */
  static Optional<Held> recognize(List<Path> files) {
    if (files.size() == 1) {
      String count = files.get(0).getFileName().toString().substring(PREFIX.length());
      if (count.matches("\\d{1,5}")) {
        return Optional.of(new Held(files.get(0), Integer.parseInt(count)));
      }
    }
    files.forEach(StagingArea::deleteQuietly);
    return Optional.empty();
  }
}
