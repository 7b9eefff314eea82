package dev.lakegate.lake.local;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Retires closed journal segments in the background: it makes every file a segment's records were
 * written to durable, and only then deletes the segment, since the files are now durable on their
 * own. Where the platform has it, one flush of the whole file system ({@link FileSystemSync})
 * does that for all the files at once. Elsewhere it fsyncs every file, then their directories
 * once each; the file fsyncs run on several threads at once because the kernel joins concurrent
 * fsyncs into shared journal commits, while one thread would wait for a device flush per file. A
 * segment whose retirement fails stays, and is replayed at the next start.
 */
final class Checkpointer implements AutoCloseable {
  private static final int FSYNC_THREADS = 8;

  private final ExecutorService retirer;
  private final ExecutorService fsyncs;
  private final Path journalDir;
  private final Optional<FileSystemSync> fileSystemSync;

  Checkpointer(Path journalDir, String name) {
    this(journalDir, name, FileSystemSync.open());
  }

  /** With {@code fileSystemSync} empty, files are fsynced one by one. */
  Checkpointer(Path journalDir, String name, Optional<FileSystemSync> fileSystemSync) {
    this.journalDir = journalDir;
    this.fileSystemSync = fileSystemSync;
    this.retirer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(name + "-checkpoint").daemon(true).factory());
    this.fsyncs = Executors.newFixedThreadPool(FSYNC_THREADS, Thread.ofPlatform().name(name + "-fsync-", 0).daemon(true).factory());
  }

  /** Schedules the retirement of {@code segment}, whose records were written to {@code files}. */
  void retire(Path segment, List<Path> files) {
    List<Path> copy = List.copyOf(files);
    retirer.execute(
        () -> {
          try {
            forceAll(copy);
            StagingArea.deleteQuietly(segment);
            DurableFiles.forceDirectory(journalDir);
          } catch (IOException | ExecutionException e) {
            // The segment stays on disk and is replayed at the next start: nothing is lost.
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  private void forceAll(List<Path> files) throws IOException, ExecutionException, InterruptedException {
    if (fileSystemSync.isPresent()) {
      // The files were renamed out of the lake's own staging directory, so they are on its file system.
      fileSystemSync.get().sync(journalDir);
      return;
    }
    Set<Path> unique = new LinkedHashSet<>(files);
    List<Callable<Void>> tasks = new ArrayList<>(unique.size());
    for (Path file : unique) {
      tasks.add(
          () -> {
            forceIfPresent(file);
            return null;
          });
    }
    for (Future<Void> done : fsyncs.invokeAll(tasks)) {
      done.get();
    }
    Set<Path> dirs = new LinkedHashSet<>();
    unique.forEach(f -> dirs.add(f.getParent()));
    for (Path dir : dirs) {
      DurableFiles.forceDirectory(dir);
    }
  }

  private static void forceIfPresent(Path file) throws IOException {
    try {
      DurableFiles.force(file);
    } catch (NoSuchFileException gone) {
      // Replaced or removed since: whatever stands there now was made durable on its own.
    }
  }

  @Override
  public void close() {
    retirer.shutdown();
    try {
      if (!retirer.awaitTermination(1, TimeUnit.MINUTES)) {
        retirer.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    fsyncs.shutdownNow();
  }
}
