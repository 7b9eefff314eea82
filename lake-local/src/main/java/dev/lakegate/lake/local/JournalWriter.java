package dev.lakegate.lake.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The appending end of the journal, used by the {@link GroupCommitter}'s thread only: it writes a
 * batch of records into the current segment and makes them durable with one {@code fdatasync}.
 * Segments are {@link PreparedSegment}s, so that flush never waits for a file system commit; a few
 * are kept prepared ahead by a background thread, so a rotation does not wait for one to be
 * written either. A full segment is handed to the {@link Checkpointer}, with the files its records
 * put in place when it needs them.
 */
final class JournalWriter implements AutoCloseable {
  // About a thousand metadata documents. Where files are fsynced one by one, retiring a segment
  // writes back every file its records placed in one burst, and the journal's own flushes queue
  // behind that burst on the device: a small segment keeps it short. (With a file system flush,
  // the Checkpointer paces write-back by time instead.)
  static final long SEGMENT_BYTES = 256L * 1024;
  // Enough for the time preparing one takes while a retirement's burst holds the device.
  private static final int PREPARED_AHEAD = 4;
  private static final int BUFFER_BYTES = 256 * 1024;

  private final Path journalDir;
  private final Checkpointer checkpointer;
  private final ExecutorService preparer;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
  private final List<Path> segmentFiles = new ArrayList<>();
  private final Deque<CompletableFuture<PreparedSegment>> prepared = new ArrayDeque<>();
  private long nextToPrepare;
  private long segmentNumber;
  private Path segment;
  private FileChannel channel;
  private long position;

  /** Opens segment {@code lastSegment + 1} in {@code journalDir}. */
  JournalWriter(Path journalDir, Checkpointer checkpointer, long lastSegment, String name) throws IOException {
    this.journalDir = journalDir;
    this.checkpointer = checkpointer;
    this.preparer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(name + "-prepare").daemon(true).factory());
    PreparedSegment first = PreparedSegment.create(journalDir, lastSegment + 1, SEGMENT_BYTES);
    this.segmentNumber = first.number();
    this.segment = first.path();
    this.channel = first.channel();
    this.nextToPrepare = segmentNumber + 1;
    prepareAhead();
  }

  /**
   * Appends {@code records} and returns once they are durable.
   *
   * @param placed the files the records put in place, made durable when the segment is retired
   */
  void append(List<JournalRecord> records, List<Path> placed) throws IOException {
    long bytes = 0;
    for (JournalRecord record : records) {
      bytes += record.size();
    }
    if (position > 0 && position + bytes > SEGMENT_BYTES) {
      rotate();
    }
    for (JournalRecord record : records) {
      add(record);
    }
    flushBuffer();
    // The segment's blocks were written when it was prepared, so this flushes data only: no file
    // system metadata changes, no file system journal commit.
    channel.force(false);
    checkpointer.appended();
    if (checkpointer.needsFiles()) {
      segmentFiles.addAll(placed);
    }
  }

  /**
   * Leaves the current segment after a failed append: what was written of that batch is not
   * acknowledged, and a replay stops at a torn record, so later batches go to a fresh segment.
   */
  void abandonSegment() throws IOException {
    buffer.clear();
    rotate();
  }

  /** Adds one record to the write buffer, writing the buffer out when it is full. */
  private void add(JournalRecord record) throws IOException {
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
      position += channel.write(bytes, position);
    }
  }

  private void rotate() throws IOException {
    channel.close();
    checkpointer.retire(segment, segmentFiles);
    segmentFiles.clear();
    // The queue holds the numbers after the current segment's, in order; it is empty only after
    // preparations failed, and then the next number is free, as a failed preparation leaves no file.
    CompletableFuture<PreparedSegment> head = prepared.poll();
    PreparedSegment next;
    try {
      next = head == null ? PreparedSegment.create(journalDir, segmentNumber + 1, SEGMENT_BYTES) : head.join();
    } catch (CompletionException e) {
      // Preparing failed (a full disk, say): try once more now, so the error reaches the callers.
      next = PreparedSegment.create(journalDir, segmentNumber + 1, SEGMENT_BYTES);
    }
    segmentNumber = next.number();
    segment = next.path();
    channel = next.channel();
    position = 0;
    prepareAhead();
  }

  /** The number of the segment being appended to. */
  long segmentNumber() {
    return segmentNumber;
  }

  /** The numbers of the segments prepared ahead, in the order they will be used; waits for their preparation. */
  List<Long> preparedNumbers() {
    return prepared.stream().map(CompletableFuture::join).map(PreparedSegment::number).toList();
  }

  /** Queues the preparation of segments until {@link #PREPARED_AHEAD} are ready or on their way. */
  private void prepareAhead() {
    while (prepared.size() < PREPARED_AHEAD) {
      long number = nextToPrepare++;
      prepared.add(CompletableFuture.supplyAsync(() -> prepare(number), preparer));
    }
  }

  private PreparedSegment prepare(long number) {
    try {
      return PreparedSegment.create(journalDir, number, SEGMENT_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // The segment is complete up to its last forced batch; it is replayed at the next start.
    }
    preparer.shutdown();
    try {
      preparer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Segments prepared but never written to hold nothing: leave no empty files behind.
    for (CompletableFuture<PreparedSegment> unused : prepared) {
      unused.thenAccept(JournalWriter::discard);
    }
    prepared.clear();
  }

  private static void discard(PreparedSegment unused) {
    try {
      unused.channel().close();
    } catch (IOException e) {
      // Only zeros were written to it; deleting it below is what matters.
    }
    StagingArea.deleteQuietly(unused.path());
  }
}
