package dev.lakegate.lake.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Group commit through a write-ahead journal, for small objects and, where the file system cannot
 * be flushed in one call, for the renames of uploaded ones (else uploads share the file system
 * flushes instead: {@link #placeFlushed}). A small object's caller writes it to a temporary file
 * and renames it into place (atomically, without fsync); an upload's caller renames its already
 * fsynced staging file. Either then queues a record ({@link JournalRecord}: the content, or the
 * staging file's name); one thread takes everything queued, appends it with a
 * {@link JournalWriter}, which makes it durable with one {@code fdatasync}, and releases every
 * caller of the batch together. Durability thus costs one
 * device flush per batch, not per object, so concurrent writers exceed the per-file fsync rate.
 * While callers overlap, batches start at least {@link #PACE} apart, so that a disk shared with
 * uploads and write-back is not kept busy flushing one or two records at a time; a lone caller
 * never waits for the pace.
 * The files themselves are made durable when their segment is retired ({@link Checkpointer}). At
 * start-up, segments still present are replayed ({@link JournalReplay}) before anything else is
 * written, so a crash loses no acknowledged object and leaves none half-written.
 */
final class GroupCommitter implements AutoCloseable {
  private static final int MAX_BATCH = 4096;

  /**
   * The least time between the starts of two batches while callers overlap. Under concurrent load
   * a batch followed the one before as soon as its flush ended, with one or two records each, and
   * every flush queued on the disk beside the uploads' writes and the documents' write-back; a
   * millisecond gathers more records into each flush and caps the flushes at a thousand a second.
   */
  static final Duration PACE = Duration.ofMillis(1);

  /** How long after two callers last overlapped the batches are still paced. */
  static final Duration OVERLAP_MEMORY = Duration.ofMillis(100);

  private record Pending(JournalRecord record, Path target, CompletableFuture<Void> done) {}

  // Queued by close(): the thread finishes the batches before it, then stops.
  private static final Pending STOP =
      new Pending(JournalRecord.content("", new byte[0]), Path.of("stop"), new CompletableFuture<>());

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Object[] keyLocks = new Object[256];
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong pacedBatches = new AtomicLong();
  private final AtomicInteger callers = new AtomicInteger();
  // When more than one caller was last in flight at once (System.nanoTime), or never.
  private volatile long overlappedAt = System.nanoTime() - OVERLAP_MEMORY.toNanos();
  private final Path journalDir;
  private final Path bucketDir;
  private final StagingArea staging;
  private final Checkpointer checkpointer;
  private final JournalWriter journal;
  private final Thread thread;
  private volatile FlushObserver observer = FlushObserver.NONE;
  private volatile boolean closed;

  private GroupCommitter(Path journalDir, Path bucketDir, StagingArea staging, String name,
      Optional<Checkpointer.FileSystemFlush> fileSystemFlush) throws IOException {
    this.journalDir = journalDir;
    this.bucketDir = bucketDir;
    this.staging = staging;
    this.checkpointer = new Checkpointer(journalDir, name, fileSystemFlush);
    Arrays.setAll(keyLocks, i -> new Object());
    Files.createDirectories(journalDir);
    this.journal = new JournalWriter(journalDir, checkpointer, recover(), name);
    this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    thread.start();
  }

  /** Opens the journal under {@code journalDir}, replaying segments a previous run left. */
  static GroupCommitter open(Path journalDir, Path bucketDir, StagingArea staging, String name) throws IOException {
    return open(journalDir, bucketDir, staging, name, FileSystemSync.open().map(sync -> sync::sync));
  }

  /** {@link #open(Path, Path, StagingArea, String)} with the given file system flush (empty: fsync file by file). */
  static GroupCommitter open(Path journalDir, Path bucketDir, StagingArea staging, String name,
      Optional<Checkpointer.FileSystemFlush> fileSystemFlush) throws IOException {
    return new GroupCommitter(journalDir, bucketDir, staging, name, fileSystemFlush);
  }

  /**
   * Stores {@code content} at {@code target} (the file of {@code key}); returns once it is durable.
   *
   * @throws IOException when it could not be stored; {@link PathConflictException} for a key that
   *     collides with stored objects
   */
  void commit(String key, Path target, byte[] content) throws IOException {
    if (closed) {
      throw new IOException("the lake is closed");
    }
    Pending pending = new Pending(JournalRecord.content(key, content), target, new CompletableFuture<>());
    enter();
    try {
      Path temp = staging.newFile(content);
      boolean moved = false;
      try {
        moveAndQueue(temp, pending);
        moved = true;
      } finally {
        if (!moved) {
          StagingArea.deleteQuietly(temp);
        }
      }
      await(pending);
    } finally {
      callers.decrementAndGet();
    }
  }

  /**
   * Renames {@code staged}, a staging file whose content and name are already durable, to
   * {@code target} (the file of {@code key}); returns once the rename is durable. The journal
   * records the rename, so it costs one data flush shared with the batch instead of a directory
   * fsync of its own. On failure {@code staged} is left to the caller.
   *
   * @throws IOException when it could not be stored; {@link PathConflictException} for a key that
   *     collides with stored objects
   */
  void commitRename(String key, Path target, Path staged) throws IOException {
    if (closed) {
      throw new IOException("the lake is closed");
    }
    Pending pending =
        new Pending(JournalRecord.rename(key, staged.getFileName().toString()), target, new CompletableFuture<>());
    enter();
    try {
      moveAndQueue(staged, pending);
      await(pending);
    } finally {
      callers.decrementAndGet();
    }
  }

  /** Tells {@code observer} the time of every journal flush and file system flush from now on. */
  void observe(FlushObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    checkpointer.observe(observer);
  }

  /** Counts a caller in; notes when it is not alone, which turns the pacing of the batches on. */
  private void enter() {
    if (callers.incrementAndGet() > 1) {
      overlappedAt = System.nanoTime();
    }
  }

  /**
   * Whether {@link #placeFlushed} may be used: the platform can flush the lake's file system in one
   * call.
   */
  boolean flushesFileSystem() {
    return checkpointer.flushesFileSystem();
  }

  /**
   * Places the staging file that {@code staged} gives, written in full but not fsynced, at
   * {@code target} (the file of {@code key}) and returns it once it is durable there, without a
   * journal record. {@code staged} runs on the flushing thread after the first flush and may refuse
   * the file (an upload whose MD5 differs from the one declared), which then stays where it is. A file
   * system flush makes the staged file durable under its staging name, then the flushing thread
   * renames it into place, and the next flush makes the rename durable
   * ({@link Checkpointer#moveBetweenFlushes}). Concurrent callers share both flushes, so
   * uploads of the same moment cost two flushes together instead of an fsync each. The file is
   * never renamed before its content is durable, so after a crash its name, old or new, always
   * stands for the whole file. On failure before the rename, {@code staged} is left to the caller;
   * after it, the object is in place but may not be durable, and the failure is reported.
   *
   * @throws IOException when a flush or the rename failed; {@link PathConflictException} for a
   *     key that collides with stored objects
   * @throws IllegalStateException where there is no file system flush ({@link #flushesFileSystem})
   */
  StagedFile placeFlushed(String key, Path target, Supplier<StagedFile> staged) throws IOException {
    if (closed) {
      throw new IOException("the lake is closed");
    }
    AtomicReference<StagedFile> placed = new AtomicReference<>();
    checkpointer.moveBetweenFlushes(
        () -> {
          StagedFile file = staged.get();
          synchronized (keyLock(key)) {
            DurableFiles.moveIntoPlace(file.path(), target, bucketDir);
          }
          placed.set(file);
        });
    return Objects.requireNonNull(placed.get());
  }

  private Object keyLock(String key) {
    return keyLocks[Math.floorMod(key.hashCode(), keyLocks.length)];
  }

  private void moveAndQueue(Path file, Pending pending) throws IOException {
    String key = pending.record().key();
    // Renaming and queueing under the key's lock keeps the journal's order of two writes of one
    // key the same as the order in which they became visible, so a replay ends on the same one.
    synchronized (keyLock(key)) {
      DurableFiles.moveIntoPlace(file, pending.target(), bucketDir);
      queue.add(pending);
    }
  }

  private static void await(Pending pending) throws IOException {
    try {
      pending.done().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the commit", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  /**
   * How many batches have been committed or tried (a failed one counts too); fewer than the
   * objects when callers overlapped.
   */
  long batches() {
    return batches.get();
  }

  /** How many batches waited for the {@link #PACE} before they started. */
  long pacedBatches() {
    return pacedBatches.get();
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    long lastStart = System.nanoTime() - PACE.toNanos();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      long due = lastStart + PACE.toNanos();
      if (due - now > 0 && batch.get(0) != STOP && now - overlappedAt < OVERLAP_MEMORY.toNanos()) {
        // The records that arrive meanwhile join this batch.
        for (; due - now > 0; now = System.nanoTime()) {
          LockSupport.parkNanos(due - now);
        }
        pacedBatches.incrementAndGet();
      }
      lastStart = now;
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stop = batch.remove(STOP);
      if (!batch.isEmpty()) {
        commitBatch(batch);
      }
      batch.clear();
      if (stop) {
        return;
      }
    }
  }

  private void commitBatch(List<Pending> batch) {
    // Counted before its callers are released, so a caller finds its own batch in the count.
    batches.incrementAndGet();
    try {
      long started = System.nanoTime();
      journal.append(batch.stream().map(Pending::record).toList(), batch.stream().map(Pending::target).toList());
      observer.journal().accept(System.nanoTime() - started);
      batch.forEach(p -> p.done().complete(null));
    } catch (IOException | RuntimeException e) {
      IOException failure = e instanceof IOException io ? io : new IOException(e);
      batch.forEach(p -> p.done().completeExceptionally(failure));
      try {
        journal.abandonSegment();
      } catch (IOException ignored) {
        // The next batch tries again and reports the failure to its own callers.
      }
    }
  }

  /** Writes the file through a temporary one and renames it into place, without fsync. */
  private void place(Path target, byte[] content) throws IOException {
    Path temp = staging.newFile(content);
    boolean moved = false;
    try {
      DurableFiles.moveIntoPlace(temp, target, bucketDir);
      moved = true;
    } finally {
      if (!moved) {
        StagingArea.deleteQuietly(temp);
      }
    }
  }

  /**
   * Replays segments left by a previous run ({@link JournalReplay}) and schedules their
   * retirement; returns the highest segment number found. Runs before the staging directory is
   * swept, as rename records need its files.
   */
  private long recover() throws IOException {
    List<Path> segments;
    try (var files = Files.list(journalDir)) {
      segments = files.filter(PreparedSegment::isSegment).sorted().toList();
    }
    Map<Path, List<Path>> written = new JournalReplay(bucketDir, staging.dir(), this::place).replay(segments);
    written.forEach(checkpointer::retire);
    long last = 0;
    for (Path old : segments) {
      last = Math.max(last, PreparedSegment.numberOf(old));
    }
    return last;
  }

  @Override
  public void close() {
    closed = true;
    queue.add(STOP);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(new IOException("the lake closed"));
    }
    journal.close();
    checkpointer.close();
  }
}
