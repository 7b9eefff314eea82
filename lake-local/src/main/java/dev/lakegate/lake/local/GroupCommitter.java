package dev.lakegate.lake.local;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit for small objects through a write-ahead journal: each caller writes its object to a
 * temporary file and renames it into place (atomically, without fsync), then queues it; one thread
 * takes everything queued, appends all of it to the current journal segment in one write, makes it
 * durable with one {@code fdatasync}, and releases every caller of the batch together. Durability thus costs one
 * device flush per batch, not per object, so concurrent writers exceed the per-file fsync rate.
 * The objects themselves are not fsynced on this path: a full segment is handed to the
 * {@link Checkpointer}, which fsyncs its files in the background and then deletes it. At start-up,
 * segments still present are replayed (last record of a key wins) before anything else is
 * written, so a crash loses no acknowledged object and leaves none half-written.
 */
final class GroupCommitter implements AutoCloseable {
  private static final int MAX_BATCH = 4096;
  private static final long SEGMENT_BYTES = 8L * 1024 * 1024;
  private static final String SEGMENT_PREFIX = "segment-";

  // The content is the caller's private copy, handed over once.
  @SuppressWarnings("ArrayRecordComponent")
  private record Pending(String key, Path target, byte[] content, CompletableFuture<Void> done) {}

  // Queued by close(): the thread finishes the batches before it, then stops.
  private static final Pending STOP = new Pending("", Path.of("stop"), new byte[0], new CompletableFuture<>());

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
  private FileChannel journal;
  private volatile boolean closed;

  private GroupCommitter(Path journalDir, Path bucketDir, StagingArea staging, String name) throws IOException {
    this.journalDir = journalDir;
    this.bucketDir = bucketDir;
    this.staging = staging;
    this.checkpointer = new Checkpointer(journalDir, name);
    Arrays.setAll(keyLocks, i -> new Object());
    Files.createDirectories(journalDir);
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
    Pending pending = new Pending(key, target, content, new CompletableFuture<>());
    Path temp = staging.newFile();
    try {
      Files.write(temp, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      // Renaming and queueing under the key's lock keeps the journal's order of two writes of one
      // key the same as the order in which they became visible, so a replay ends on the same one.
      synchronized (keyLocks[Math.floorMod(key.hashCode(), keyLocks.length)]) {
        DurableFiles.moveIntoPlace(temp, target, bucketDir);
        queue.add(pending);
      }
    } finally {
      StagingArea.deleteQuietly(temp);
    }
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
      int bytes = 0;
      for (Pending p : batch) {
        bytes += new JournalRecord(p.key(), p.content()).size();
      }
      ByteBuffer records = ByteBuffer.allocate(bytes);
      batch.forEach(p -> new JournalRecord(p.key(), p.content()).writeTo(records));
      records.flip();
      while (records.hasRemaining()) {
        journal.write(records);
      }
      journal.force(false);
      batch.forEach(p -> segmentFiles.add(p.target()));
      batch.forEach(p -> p.done().complete(null));
      if (journal.size() >= SEGMENT_BYTES) {
        rotate();
      }
    } catch (IOException | RuntimeException e) {
      IOException failure = e instanceof IOException io ? io : new IOException(e);
      batch.forEach(p -> p.done().completeExceptionally(failure));
    }
  }

  /** Writes the file through a temporary one and renames it into place, without fsync. */
  private void place(Path target, byte[] content) throws IOException {
    Path temp = staging.newFile();
    try {
      Files.write(temp, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      DurableFiles.moveIntoPlace(temp, target, bucketDir);
    } finally {
      StagingArea.deleteQuietly(temp);
    }
  }

  private void rotate() throws IOException {
    journal.close();
    checkpointer.retire(segment, segmentFiles);
    segmentFiles.clear();
    openSegment();
  }

  private void openSegment() throws IOException {
    segmentNumber++;
    segment = journalDir.resolve(SEGMENT_PREFIX + String.format(Locale.ROOT, "%019d", segmentNumber) + ".log");
    journal = FileChannel.open(segment, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    DurableFiles.forceDirectory(journalDir);
  }

  /** Replays segments left by a previous run, in order, and schedules their retirement. */
  private void recover() throws IOException {
    List<Path> segments;
    try (var files = Files.list(journalDir)) {
      segments = files.filter(f -> f.getFileName().toString().startsWith(SEGMENT_PREFIX)).sorted().toList();
    }
    for (Path old : segments) {
      List<Path> written = new ArrayList<>();
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(old)))) {
        for (Optional<JournalRecord> r = JournalRecord.readFrom(in); r.isPresent(); r = JournalRecord.readFrom(in)) {
          replay(r.get()).ifPresent(written::add);
        }
      }
      checkpointer.retire(old, written);
      String name = old.getFileName().toString();
      segmentNumber = Math.max(segmentNumber, Long.parseLong(name.substring(SEGMENT_PREFIX.length(), name.length() - 4)));
    }
  }

  private Optional<Path> replay(JournalRecord record) {
    try {
      Path target = ObjectKey.resolve(bucketDir, record.key());
      place(target, record.content());
      return Optional.of(target);
    } catch (IOException | S3ErrorException e) {
      // A record that cannot be placed now could not be placed when it was written either.
      return Optional.empty();
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
    checkpointer.close();
  }
}
