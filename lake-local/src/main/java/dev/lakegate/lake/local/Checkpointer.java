package dev.lakegate.lake.local;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Retires closed journal segments in the background: it makes every file a segment's records were
 * written to durable, and only then deletes the segment, since the files are now durable on their
 * own. Where the platform has it, one flush of the whole file system ({@link FileSystemSync}) does
 * that for all the files at once. Those flushes run on one thread, at most every
 * {@link #FLUSH_INTERVAL}, whenever records were appended since the last one began, not only when a
 * segment closes: each then writes back only the few documents placed since the last, so the
 * journal's own flushes never queue behind a burst of a whole segment's write-back. A segment is
 * deleted after a flush that began after it was closed. Uploads wait for these flushes too
 * ({@link #awaitFlush}), and have their renames done between two of them ({@link #moveBetweenFlushes}):
 * while any waits, flushes follow each other without the pause. Elsewhere
 * it fsyncs every file of a closed segment, then their directories once each; the file fsyncs run
 * on several threads at once because the kernel joins concurrent fsyncs into shared journal
 * commits, while one thread would wait for a device flush per file. A segment whose retirement fails stays, and is replayed at the next start.
 */
final class Checkpointer implements AutoCloseable {
  /**
   * The least time between the starts of two file system flushes: short, so each writes back
   * little, and long enough that the flushes' own cost stays small (about 50 a second at most).
   */
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(20);
  private static final int FSYNC_THREADS = 8;

  /** Flushes the file system holding a path; {@link FileSystemSync#sync} on Linux. */
  interface FileSystemFlush {
    void sync(Path path) throws IOException;
  }

  /** What {@link #moveBetweenFlushes} does on the flushing thread between its two flushes. */
  interface Move {
    void run() throws IOException;
  }

  /** A move waiting for the flush before it, and who waits for the flush after it. */
  private record PendingMove(Move move, CompletableFuture<Void> done) {}

  private final Path journalDir;
  private final Optional<FileSystemFlush> fileSystemFlush;
  // With a file system flush: the flushing thread and what it is to do next, under `lock`.
  private final Object lock = new Object();
  private final List<Path> closedSegments = new ArrayList<>();
  private final List<CompletableFuture<Void>> awaitingFlush = new ArrayList<>();
  private final List<PendingMove> awaitingMove = new ArrayList<>();
  private boolean appendedSinceFlush;
  private boolean closing;
  private volatile FlushObserver observer = FlushObserver.NONE;
  private final @Nullable Thread flusher;
  // Without one: segments are retired one by one, each file fsynced.
  private final @Nullable ExecutorService retirer;
  private final @Nullable ExecutorService fsyncs;

  Checkpointer(Path journalDir, String name) {
    this(journalDir, name, FileSystemSync.open().map(sync -> sync::sync));
  }

  /** With {@code fileSystemFlush} empty, files are fsynced one by one. */
  Checkpointer(Path journalDir, String name, Optional<FileSystemFlush> fileSystemFlush) {
    this.journalDir = journalDir;
    this.fileSystemFlush = fileSystemFlush;
    if (fileSystemFlush.isPresent()) {
      this.flusher = Thread.ofPlatform().name(name + "-checkpoint").daemon(true).start(() -> flushLoop(fileSystemFlush.get()));
      this.retirer = null;
      this.fsyncs = null;
    } else {
      this.flusher = null;
      this.retirer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(name + "-checkpoint").daemon(true).factory());
      this.fsyncs = Executors.newFixedThreadPool(FSYNC_THREADS, Thread.ofPlatform().name(name + "-fsync-", 0).daemon(true).factory());
    }
  }

  /** True when {@link #retire} needs the files of a segment; with a file system flush it does not. */
  boolean needsFiles() {
    return fileSystemFlush.isEmpty();
  }

  /** Tells {@code observer} the time of every file system flush from now on; without one there are none. */
  void observe(FlushObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /** Whether there is a file system flush, so that {@link #awaitFlush} may be called. */
  boolean flushesFileSystem() {
    return fileSystemFlush.isPresent();
  }

  /**
   * Returns once a file system flush that began after this call has ended: everything the caller
   * wrote to the file system before it is then durable. Callers at the same moment share one
   * flush, and while any waits the flushes run back to back, without the pause between them.
   *
   * @throws IOException when that flush failed, or the checkpointer is closed
   * @throws IllegalStateException where there is no file system flush ({@link #flushesFileSystem})
   */
  void awaitFlush() throws IOException {
    CompletableFuture<Void> flushed = new CompletableFuture<>();
    enqueue(() -> awaitingFlush.add(flushed));
    await(flushed);
  }

  /**
   * Runs {@code move} on the flushing thread once a flush that began after this call has ended,
   * and returns once the flush after the move has ended: what the caller wrote before the call is
   * durable before the move, and the move is durable when this returns. The flushing thread starts
   * that second flush as soon as the moves of the first are done, so the caller waits for two
   * flushes in a row, with no hand-over to its own thread between them. Moves run one at a time, in
   * the order of their calls; a move that throws fails only its own caller.
   *
   * @throws IOException when a flush or the move failed, or the checkpointer is closed; when the
   *     first flush failed, the move did not run
   * @throws IllegalStateException where there is no file system flush ({@link #flushesFileSystem})
   */
  void moveBetweenFlushes(Move move) throws IOException {
    CompletableFuture<Void> moved = new CompletableFuture<>();
    enqueue(() -> awaitingMove.add(new PendingMove(move, moved)));
    await(moved);
  }

  /** How many moves wait for the flush before them. */
  int queuedMoves() {
    synchronized (lock) {
      return awaitingMove.size();
    }
  }

  /** Hands work to the flushing thread under its lock. */
  private void enqueue(Runnable handOver) throws IOException {
    if (fileSystemFlush.isEmpty()) {
      throw new IllegalStateException("no file system flush on this platform");
    }
    synchronized (lock) {
      if (closing) {
        throw new IOException("the lake is closed");
      }
      handOver.run();
      lock.notifyAll();
    }
  }

  private static void await(CompletableFuture<Void> flushed) throws IOException {
    try {
      flushed.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for a file system flush", e);
    } catch (ExecutionException e) {
      // A move's own refusal (an S3 error, say) reaches its caller as it was thrown.
      if (e.getCause() instanceof RuntimeException refused) {
        throw refused;
      }
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  /** Tells that records were appended (and their files placed): the next flush writes them back. */
  void appended() {
    if (fileSystemFlush.isPresent()) {
      synchronized (lock) {
        if (!appendedSinceFlush) {
          appendedSinceFlush = true;
          lock.notifyAll();
        }
      }
    }
  }

  /**
   * Schedules the retirement of {@code segment}, closed now, whose records were written to
   * {@code files} (which may be empty when {@link #needsFiles} is false).
   */
  void retire(Path segment, List<Path> files) {
    if (fileSystemFlush.isPresent()) {
      synchronized (lock) {
        closedSegments.add(segment);
        lock.notifyAll();
      }
      return;
    }
    List<Path> copy = List.copyOf(files);
    Objects.requireNonNull(retirer).execute(
        () -> {
          try {
            forceEach(copy);
            StagingArea.deleteQuietly(segment);
            DurableFiles.forceDirectory(journalDir);
          } catch (IOException | ExecutionException e) {
            // The segment stays on disk and is replayed at the next start: nothing is lost.
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  private void flushLoop(FileSystemFlush flush) {
    while (true) {
      List<Path> segments;
      List<CompletableFuture<Void>> waiters;
      List<PendingMove> moves;
      synchronized (lock) {
        while (!appendedSinceFlush && closedSegments.isEmpty() && !awaited() && !closing) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (!appendedSinceFlush && closedSegments.isEmpty() && !awaited()) {
          return;
        }
        segments = List.copyOf(closedSegments);
        closedSegments.clear();
        waiters = List.copyOf(awaitingFlush);
        awaitingFlush.clear();
        moves = List.copyOf(awaitingMove);
        awaitingMove.clear();
        appendedSinceFlush = false;
      }
      long started = System.nanoTime();
      try {
        // Every file the journal names, and every file a waiter wrote, is in the lake's own
        // directories, so it is on the journal directory's file system.
        flush.sync(journalDir);
        observer.fileSystem().accept(System.nanoTime() - started);
        waiters.forEach(waiter -> waiter.complete(null));
        move(moves);
        if (!segments.isEmpty()) {
          segments.forEach(StagingArea::deleteQuietly);
          // Deletions durable before the next batch's: an older segment never outlives a newer one.
          DurableFiles.forceDirectory(journalDir);
        }
      } catch (IOException e) {
        waiters.forEach(waiter -> waiter.completeExceptionally(e));
        moves.forEach(pending -> pending.done().completeExceptionally(e));
        // The segments stay, for the next flush to retire; a crash meanwhile replays them.
        synchronized (lock) {
          closedSegments.addAll(0, segments);
        }
      }
      try {
        pauseUnlessAwaited(started);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Runs the moves whose content the flush just made durable; each that succeeds waits for the
   * next flush, each that fails is reported to its caller alone.
   */
  private void move(List<PendingMove> moves) {
    for (PendingMove pending : moves) {
      try {
        pending.move().run();
        synchronized (lock) {
          awaitingFlush.add(pending.done());
        }
      } catch (IOException | RuntimeException e) {
        pending.done().completeExceptionally(e);
      }
    }
  }

  /** Whether a caller waits for a flush or a move; called under {@code lock}. */
  private boolean awaited() {
    return !awaitingFlush.isEmpty() || !awaitingMove.isEmpty();
  }

  /** Waits until {@link #FLUSH_INTERVAL} has passed since {@code started}, or until a caller awaits a flush. */
  private void pauseUnlessAwaited(long started) throws InterruptedException {
    synchronized (lock) {
      for (long rest = FLUSH_INTERVAL.toNanos() - (System.nanoTime() - started);
          rest > 0 && !awaited() && !closing;
          rest = FLUSH_INTERVAL.toNanos() - (System.nanoTime() - started)) {
        TimeUnit.NANOSECONDS.timedWait(lock, rest);
      }
    }
  }

  private void forceEach(List<Path> files) throws IOException, ExecutionException, InterruptedException {
    Set<Path> unique = new LinkedHashSet<>(files);
    List<Callable<Void>> tasks = new ArrayList<>(unique.size());
    for (Path file : unique) {
      tasks.add(
          () -> {
            forceIfPresent(file);
            return null;
          });
    }
    for (Future<Void> done : Objects.requireNonNull(fsyncs).invokeAll(tasks)) {
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

  /** Retires what was handed over so far (a last flush, or the pending fsyncs), then stops. */
  @Override
  public void close() {
    try {
      if (flusher != null) {
        synchronized (lock) {
          closing = true;
          lock.notifyAll();
        }
        if (!flusher.join(Duration.ofMinutes(1))) {
          flusher.interrupt();
          flusher.join(Duration.ofSeconds(10));
        }
        synchronized (lock) {
          IOException closed = new IOException("the lake closed");
          awaitingFlush.forEach(waiter -> waiter.completeExceptionally(closed));
          awaitingFlush.clear();
          awaitingMove.forEach(pending -> pending.done().completeExceptionally(closed));
          awaitingMove.clear();
        }
      }
      if (retirer != null) {
        retirer.shutdown();
        if (!retirer.awaitTermination(1, TimeUnit.MINUTES)) {
          retirer.shutdownNow();
        }
        Objects.requireNonNull(fsyncs).shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
