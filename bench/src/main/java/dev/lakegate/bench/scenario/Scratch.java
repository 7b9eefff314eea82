package dev.lakegate.bench.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Removes a run's work directory (the objects it wrote are of no further use) and records, beside
 * it, when the deletion ended and how many files it removed: the next run's {@link DiskCheck} waits
 * for the file system to forget them.
 */
final class Scratch {
  /** The record of the last deletion, in the directory that holds the runs' work directories. */
  static final String LAST_DELETION = "last-deletion.properties";

  /** A deletion of {@code files} files that ended at {@code ended}. */
  record Deletion(Instant ended, long files) {}

  private Scratch() {}

  /** Deletes {@code root} and everything in it; returns how many files (not directories) it deleted. */
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
    Deletion deletion = new Deletion(Instant.now(), files);
    Path parent = work.toAbsolutePath().getParent();
    if (parent != null) {
      Properties record = new Properties();
      record.setProperty("ended", deletion.ended().toString());
      record.setProperty("files", Long.toString(files));
      Path temp = Files.createTempFile(parent, "last-deletion-", ".tmp");
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        record.store(out, "the last bench run's deletion of its work directory");
      }
      Files.move(temp, parent.resolve(LAST_DELETION), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    return deletion;
  }

  /** The last deletion recorded in {@code workParent}; empty when none was, or the record is unreadable. */
  static Optional<Deletion> lastDeletion(Path workParent) {
    Properties record = new Properties();
    try (Reader in = Files.newBufferedReader(workParent.resolve(LAST_DELETION), StandardCharsets.UTF_8)) {
      record.load(in);
      return Optional.of(new Deletion(Instant.parse(record.getProperty("ended", "")),
          Long.parseLong(record.getProperty("files", ""))));
    } catch (NoSuchFileException none) {
      return Optional.empty();
    } catch (IOException | DateTimeException | NumberFormatException unreadable) {
      // A damaged record only costs the wait it would have caused; the disk check still measures.
      return Optional.empty();
    }
  }
}
