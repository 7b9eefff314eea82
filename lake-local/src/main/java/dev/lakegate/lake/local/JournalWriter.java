package dev.lakegate.lake.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The appending end of the journal, used by the {@link GroupCommitter}'s thread only: it writes a
 * batch of records into the current segment and makes them durable with one {@code fdatasync}.
 * Segments are {@link PreparedSegment}s (the next one prepared in the background once the current
 * one is half full), so that flush never waits for a file system commit. A full segment is handed
 * to the {@link Checkpointer} with the files its records put in place.
 */
final class JournalWriter implements AutoCloseable {
  private static final long SEGMENT_BYTES = 4L * 1024 * 1024;
  private static final int BUFFER_BYTES = 256 * 1024;

  private final Path journalDir;
  private final Checkpointer checkpointer;
  private final ExecutorService preparer;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
  private final List<Path> segmentFiles = new ArrayList<>();
  private @Nullable CompletableFuture<PreparedSegment> nextSegment;
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
    segmentFiles.addAll(placed);
    if (nextSegment == null && position > SEGMENT_BYTES / 2) {
      long following = segmentNumber + 1;
      nextSegment = CompletableFuture.supplyAsync(() -> prepare(following), preparer);
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
    channel = prepared.channel();
    position = 0;
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
    preparer.shutdownNow();
  }
}
