package dev.lakegate.lake.local;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Writes a large body's buffers to its staging file, in order, and makes the file durable. Where
 * the filesystem takes direct I/O, whole blocks go straight from the (block-aligned) buffers to the
 * device, which spares the CPU the copy into the page cache and the write-back of a whole body at
 * the final fsync; only a last partial block goes through the page cache. Elsewhere the buffers go
 * through the page cache and {@link EarlyWriteBack} keeps the disk writing as the file grows.
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
   * direct I/O when {@code alignment} is not 0); the writer closes the channel.
   *
   * @param alignment the block size direct I/O needs; 0 when the channel writes through the page cache
   * @param writeBackEvery bytes between two early flushes when writing through the page cache
   * @param force whether {@link #finish} fsyncs the file; false when a file system flush follows
   */
  static StagingWriter over(Path file, FileChannel channel, int alignment, long writeBackEvery, boolean force) {
    return alignment > 0
        ? new StagingWriter(file, channel, alignment, Optional.empty(), force)
        : new StagingWriter(file, channel, 0, Optional.of(EarlyWriteBack.start(channel, writeBackEvery)), force);
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
