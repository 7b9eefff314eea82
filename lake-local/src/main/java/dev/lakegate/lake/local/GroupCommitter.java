package dev.lakegate.lake.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Group commit for small objects through a write-ahead journal: each caller writes its object to a
 * temporary file and renames it into place (atomically, without fsync), then queues it; one thread
 * takes everything queued, appends all of it to the current journal segment, makes it durable with
 * one {@code fdatasync}, and releases every caller of the batch together. Durability thus costs one
 * device flush per batch, not per object, so concurrent writers exceed the per-file fsync rate.
 * Segments are written full of zeros before use ({@link PreparedSegment}, the next one in the
 * background while the current one fills), so that flush never includes a file system commit.
 * The objects themselves are not fsynced on this path: a full segment is handed to the
 * {@link Checkpointer}, which fsyncs its files in the background and then deletes it. At start-up,
 * segments still present are replayed (last record of a key wins) before anything else is
 * written, so a crash loses no acknowledged object and leaves none half-written.
 */
final class GroupCommitter implements AutoCloseable {
  private static final int MAX_BATCH = 4096;
  private static final long SEGMENT_BYTES = 4L * 1024 * 1024;
  private static final int BUFFER_BYTES = 256 * 1024;

  private record Pending(JournalRecord record, Path target, CompletableFuture<Void> done) {}

  // Queued by close(): the thread finishes the batches before it, then stops.
  private static final Pending STOP =
      new Pending(JournalRecord.content("", new byte[0]), Path.of("stop"), new CompletableFuture<>());

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Object[] keyLocks = new Object[256];
  private final AtomicLong batches = new AtomicLong();
  private final Path journalDir;
  private final Path bucketDir;
  private final StagingArea staging;
  private final Checkpointer checkpointer;
  private final Thread thread;
  private final List<Path> segmentFiles = new ArrayList<>();
  private long segmentNumber;
  private Path segment;
  private final ExecutorService preparer;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
  private @Nullable CompletableFuture<PreparedSegment> nextSegment;
  private FileChannel journal;
  private long position;
  private volatile boolean closed;

  private GroupCommitter(Path journalDir, Path bucketDir, StagingArea staging, String name) throws IOException {
    this.journalDir = journalDir;
    this.bucketDir = bucketDir;
    this.staging = staging;
    this.checkpointer = new Checkpointer(journalDir, name);
    Arrays.setAll(keyLocks, i -> new Object());
    Files.createDirectories(journalDir);
    this.preparer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(name + "-prepare").daemon(true).factory());
    recover();
    openSegment();
    this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    thread.start();
  }

  /** Opens the journal under {@code journalDir}, replaying segments a previous run left. */
  static GroupCommitter open(Path journalDir, Path bucketDir, StagingArea staging, String name) throws IOException {
    return new GroupCommitter(journalDir, bucketDir, staging, name);
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
    Path temp = staging.newFile();
    boolean moved = false;
    try {
      Files.write(temp, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      moveAndQueue(temp, pending);
      moved = true;
    } finally {
      if (!moved) {
        StagingArea.deleteQuietly(temp);
      }
    }
    await(pending);
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
    moveAndQueue(staged, pending);
    await(pending);
  }

  private void moveAndQueue(Path file, Pending pending) throws IOException {
    String key = pending.record().key();
    // Renaming and queueing under the key's lock keeps the journal's order of two writes of one
    // key the same as the order in which they became visible, so a replay ends on the same one.
    synchronized (keyLocks[Math.floorMod(key.hashCode(), keyLocks.length)]) {
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

  /** How many batches have been committed; fewer than the objects when callers overlapped. */
  long batches() {
    return batches.get();
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stop = batch.remove(STOP);
      if (!batch.isEmpty()) {
        commitBatch(batch);
        batches.incrementAndGet();
      }
      batch.clear();
      if (stop) {
        return;
      }
    }
  }

  private void commitBatch(List<Pending> batch) {
    try {
      List<JournalRecord> records = new ArrayList<>(batch.size());
      long bytes = 0;
      for (Pending p : batch) {
        records.add(p.record());
        bytes += p.record().size();
      }
      if (position > 0 && position + bytes > SEGMENT_BYTES) {
        rotate();
      }
      for (JournalRecord record : records) {
        append(record);
      }
      flushBuffer();
      // The segment's blocks were written when it was prepared, so this flushes data only: no
      // file system metadata changes, no file system journal commit.
      journal.force(false);
      batch.forEach(p -> segmentFiles.add(p.target()));
      batch.forEach(p -> p.done().complete(null));
      if (nextSegment == null && position > SEGMENT_BYTES / 2) {
        long following = segmentNumber + 1;
        nextSegment = CompletableFuture.supplyAsync(() -> prepare(following), preparer);
      }
    } catch (IOException | RuntimeException e) {
      IOException failure = e instanceof IOException io ? io : new IOException(e);
      batch.forEach(p -> p.done().completeExceptionally(failure));
      // What was written of this batch is not acknowledged; later batches start after it, and a
      // replay stops at a torn record, so they go to a fresh segment.
      try {
        rotate();
      } catch (IOException ignored) {
        // The next batch tries again and reports the failure to its own callers.
      }
    }
  }

  /** Adds one record to the write buffer, writing the buffer out when it is full. */
  private void append(JournalRecord record) throws IOException {
    if (record.size() > buffer.capacity()) {
      flushBuffer();
      ByteBuffer large = ByteBuffer.allocate(record.size());
      record.writeTo(large);
      write(large.flip());
      return;
    }
    if (record.size() > buffer.remaining()) {
      flushBuffer();
    }
    record.writeTo(buffer);
  }

  private void flushBuffer() throws IOException {
    write(buffer.flip());
    buffer.clear();
  }

  private void write(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      position += journal.write(bytes, position);
    }
  }

  /** Writes the file through a temporary one and renames it into place, without fsync. */
  private void place(Path target, byte[] content) throws IOException {
    Path temp = staging.newFile();
    boolean moved = false;
    try {
      Files.write(temp, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      DurableFiles.moveIntoPlace(temp, target, bucketDir);
      moved = true;
    } finally {
      if (!moved) {
        StagingArea.deleteQuietly(temp);
      }
    }
  }

  private void rotate() throws IOException {
    journal.close();
    checkpointer.retire(segment, segmentFiles);
    segmentFiles.clear();
    openSegment();
  }

  /** Switches to the segment prepared in the background and starts preparing the one after it. */
  private void openSegment() throws IOException {
    CompletableFuture<PreparedSegment> next = nextSegment;
    nextSegment = null;
    PreparedSegment prepared;
    try {
      prepared = next == null ? PreparedSegment.create(journalDir, segmentNumber + 1, SEGMENT_BYTES) : next.join();
    } catch (CompletionException e) {
      // Preparing failed (a full disk, say): try once more now, so the error reaches the callers.
      prepared = PreparedSegment.create(journalDir, segmentNumber + 1, SEGMENT_BYTES);
    }
    segmentNumber = prepared.number();
    segment = prepared.path();
    journal = prepared.channel();
    position = 0;
  }

  private PreparedSegment prepare(long number) {
    try {
      return PreparedSegment.create(journalDir, number, SEGMENT_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replays segments left by a previous run ({@link JournalReplay}) and schedules their
   * retirement. Runs before the staging directory is swept, as rename records need its files.
   */
  private void recover() throws IOException {
    List<Path> segments;
    try (var files = Files.list(journalDir)) {
      segments = files.filter(PreparedSegment::isSegment).sorted().toList();
    }
    Map<Path, List<Path>> written = new JournalReplay(bucketDir, staging.dir(), this::place).replay(segments);
    written.forEach(checkpointer::retire);
    for (Path old : segments) {
      segmentNumber = Math.max(segmentNumber, PreparedSegment.numberOf(old));
    }
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
    try {
      journal.close();
    } catch (IOException e) {
      // The segment is complete up to its last forced batch; it is replayed at the next start.
    }
    preparer.shutdownNow();
    checkpointer.close();
  }
}
