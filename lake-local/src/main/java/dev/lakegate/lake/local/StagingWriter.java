package dev.lakegate.lake.local;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Writes a body's buffers to its staging file, in order, and makes the file durable. Where the
 * filesystem takes direct I/O, whole blocks go straight from the (block-aligned) buffers to the
 * device, which spares the CPU the copy into the page cache; only a last partial block goes through
 * the page cache. Elsewhere the buffers go through the page cache. For a large body {@link
 * EarlyWriteBack} flushes the file as it grows, either way: a direct write is done when the device
 * has it, not when the device's own write cache (a disk's, or a virtual disk's in the host's memory)
 * has written it, and that cache would otherwise be written at the final fsync, after the body.
 */
final class StagingWriter implements Closeable {
  private final Path file;
  private final FileChannel channel;
  private final int alignment;
  private final Optional<EarlyWriteBack> writeBack;
  private final boolean force;
  private Optional<FileChannel> tail = Optional.empty();
  private long position;

  private StagingWriter(Path file, FileChannel channel, int alignment, Optional<EarlyWriteBack> writeBack, boolean force) {
    this.file = file;
    this.channel = channel;
    this.alignment = alignment;
    this.writeBack = writeBack;
    this.force = force;
  }

  /**
   * Writes to {@code file} from its start through {@code channel}, opened on it for writing (with
   * direct I/O when {@code alignment} is not 0), flushing the file in the background each time
   * another {@code writeBackEvery} bytes are written; the writer closes the channel. For large
   * bodies: the flushing thread is one per writer.
   *
   * @param alignment the block size direct I/O needs; 0 when the channel writes through the page cache
   * @param writeBackEvery bytes between two early flushes
   * @param force whether {@link #finish} fsyncs the file; false when a file system flush follows
   */
  static StagingWriter flushingEvery(long writeBackEvery, Path file, FileChannel channel, int alignment, boolean force) {
    return new StagingWriter(file, channel, alignment, Optional.of(EarlyWriteBack.start(channel, writeBackEvery)), force);
  }

  /**
   * Writes to {@code file} from its start through {@code channel}, opened on it for direct I/O,
   * with nothing flushed before {@link #finish}: for a body of a few blocks, which the final flush
   * writes in about the time an early one would take.
   *
   * @param alignment the block size direct I/O needs, above 0
   * @param force whether {@link #finish} fsyncs the file; false when a file system flush follows
   */
  static StagingWriter direct(Path file, FileChannel channel, int alignment, boolean force) {
    if (alignment <= 0) {
      throw new IllegalArgumentException("a direct writer needs the block size, got " + alignment);
    }
    return new StagingWriter(file, channel, alignment, Optional.empty(), force);
  }

  /** The early flushes done so far; 0 for a writer that does none. */
  long earlyFlushes() {
    return writeBack.map(EarlyWriteBack::flushes).orElse(0L);
  }

  /** Whether whole blocks bypass the page cache. */
  boolean direct() {
    return alignment > 0;
  }

  /**
   * Appends {@code buffer}'s first {@code length} bytes. In direct mode the buffer must be
   * block-aligned and every write but the last a whole number of blocks.
   */
  void write(ByteBuffer buffer, int length) throws IOException {
    ByteBuffer bytes = buffer.duplicate().position(0).limit(length);
    if (direct()) {
      int whole = length - length % alignment;
      writeFully(channel, bytes.limit(whole), position);
      if (whole < length) {
        writeFully(tailChannel(), bytes.limit(length).position(whole), position + whole);
      }
    } else {
      writeFully(channel, bytes, position);
    }
    position += length;
    writeBack.ifPresent(flusher -> flusher.written(position));
  }

  /**
   * Ends the write: flushes everything written to the device, file metadata included, unless the
   * writer was made not to force it (then a file system flush that follows does).
   */
  void finish() throws IOException {
    if (writeBack.isPresent()) {
      writeBack.get().finish();
    }
    if (force) {
      // fsync works on the file, whichever descriptor wrote: the tail's, if any, holds the cached pages.
      tail.orElse(channel).force(true);
    }
  }

  @Override
  public void close() throws IOException {
    writeBack.ifPresent(EarlyWriteBack::stop);
    try (FileChannel closing = channel) {
      if (tail.isPresent()) {
        tail.get().close();
      }
    }
  }

  private FileChannel tailChannel() throws IOException {
    if (tail.isEmpty()) {
      tail = Optional.of(FileChannel.open(file, StandardOpenOption.WRITE));
    }
    return tail.get();
  }

  private static void writeFully(FileChannel channel, ByteBuffer bytes, long at) throws IOException {
    long next = at;
    while (bytes.hasRemaining()) {
      next += channel.write(bytes, next);
    }
  }
}
