package dev.lakegate.bench.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Removes a run's work directory (the objects it wrote are of no further use), or those that runs
 * kept ({@code bench/run clean}, {@link #main}), and records, beside them, when the deletion ended
 * and how many files it removed: the next run's {@link DiskCheck} waits for the file system to
 * forget them.
 */
final class Scratch {
  /** The record of the last deletion, in the directory that holds the runs' work directories. */
  static final String LAST_DELETION = "last-deletion.properties";

  /** A deletion of {@code files} files that ended at {@code ended}. */
  record Deletion(Instant ended, long files) {}

  private Scratch() {}

  /** {@code bench/run clean}: {@link #deleteAllAndRecord} in the runs' directory, or the one given. */
  public static void main(String[] args) throws IOException {
    if (args.length > 1) {
      throw new IllegalArgumentException("bench/run clean takes at most the directory of the runs' work directories");
    }
    Path workParent = args.length == 1 ? Path.of(args[0]) : ScenarioMain.WORK_PARENT;
    Deletion deletion = deleteAllAndRecord(workParent);
    System.out.printf(Locale.ROOT, "deleted %,d files under %s%s%n", deletion.files(), workParent.toAbsolutePath(),
        deletion.files() >= DiskCheck.DELETION_WORTH_WAITING
            ? "; runs that create files in the next five minutes wait for the disk first (docs/benchmarks.md, Files between runs)"
            : "");
  }

  /** Deletes {@code root}, a file or a directory and everything in it; returns how many files (not directories) it deleted. */
  static long delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return 0;
    }
    long[] files = {0};
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        files[0]++;
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
    return files[0];
  }

  /** {@link #delete}s {@code work}, then records the deletion in its parent directory. */
  static Deletion deleteAndRecord(Path work) throws IOException {
    long files = delete(work);
    Path parent = work.toAbsolutePath().getParent();
    return parent == null ? new Deletion(Instant.now(), files) : record(parent, files);
  }

  /**
   * Deletes everything in {@code workParent} but the record itself (the work directories that runs
   * kept), then records the deletion there: one record for all of them.
   */
  static Deletion deleteAllAndRecord(Path workParent) throws IOException {
    long files = 0;
    if (Files.isDirectory(workParent)) {
      try (Stream<Path> entries = Files.list(workParent)) {
        for (Path entry : entries.filter(e -> !e.getFileName().toString().equals(LAST_DELETION)).toList()) {
          files += delete(entry);
        }
      }
    }
    return files == 0 ? new Deletion(Instant.now(), 0) : record(workParent, files);
  }

  private static Deletion record(Path workParent, long files) throws IOException {
    Deletion deletion = new Deletion(Instant.now(), files);
    Properties record = new Properties();
    record.setProperty("ended", deletion.ended().toString());
    record.setProperty("files", Long.toString(files));
    Path temp = Files.createTempFile(workParent, "last-deletion-", ".tmp");
    try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      record.store(out, "the last deletion of bench work directories");
    }
    Files.move(temp, workParent.resolve(LAST_DELETION), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return deletion;
  }

  /** The last deletion recorded in {@code workParent}; empty when none was, or the record is unreadable. */
  static Optional<Deletion> lastDeletion(Path workParent) {
    Properties record = new Properties();
    try (Reader in = Files.newBufferedReader(workParent.resolve(LAST_DELETION), StandardCharsets.UTF_8)) {
      record.load(in);
      return Optional.of(new Deletion(Instant.parse(record.getProperty("ended", "")),
          Long.parseLong(record.getProperty("files", ""))));
    } catch (IOException | DateTimeException | NumberFormatException noneOrDamaged) {
      // No record (NoSuchFileException), or a damaged one, which only costs the wait it would have
      // caused; the disk check still measures.
      return Optional.empty();
    }
  }
}
