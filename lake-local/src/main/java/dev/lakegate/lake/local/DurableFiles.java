package dev.lakegate.lake.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The three moves that make a file appear whole or not at all: fsync the file, rename it
 * atomically into place, fsync the directory that now names it. Directories created on the way
 * are made durable in their parents too, so a crash cannot leave an object under a directory that
 * was never recorded.
 */
final class DurableFiles {
  private DurableFiles() {}

  /** Flushes a file's content and metadata to the device. */
  static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Flushes a directory's entries to the device (Linux and macOS accept fsync on a directory). */
  static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Renames {@code temp} over {@code target} atomically, creating and syncing missing parent
   * directories up to {@code root} when the rename finds them missing. The caller fsyncs
   * {@code target}'s parent afterwards
   * (once for many files: {@link DirectorySync#publish}).
   */
  static void moveIntoPlace(Path temp, Path target, Path root) throws IOException {
    try {
      replace(temp, target);
    } catch (FileSystemException first) {
      // The directories are checked only when the rename fails (the first object under a prefix, or
      // a conflict): a stat before every rename would cost every object a system call.
      createDirectoriesDurably(parentOf(target), root);
      try {
        replace(temp, target);
      } catch (FileSystemException e) {
        if (Files.isDirectory(target)) {
          throw new PathConflictException("the key names a directory of other objects");
        }
        throw e;
      }
    }
  }

  private static void replace(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Creates {@code dir} and its missing ancestors below {@code root}, each recorded durably in its parent. */
  static void createDirectoriesDurably(Path dir, Path root) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = dir; p != null && !p.equals(root) && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    while (!missing.isEmpty()) {
      Path created = missing.pop();
      try {
        Files.createDirectory(created);
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // Another writer created it between our check and ours; a plain file here is a real conflict.
        if (!Files.isDirectory(created)) {
          throw new PathConflictException("a prefix of the key is an object: " + raced.getMessage());
        }
      }
      forceDirectory(parentOf(created));
    }
  }

  /** The directory holding {@code file}; every path handled here lies below the lake's root. */
  static Path parentOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException("a filesystem root has no directory to fsync: " + file);
    }
    return parent;
  }

  /** Deletes a directory tree; missing entries are ignored. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
