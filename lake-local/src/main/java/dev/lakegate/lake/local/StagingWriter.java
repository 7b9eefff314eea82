package dev.lakegate.lake.local;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Writes a body's buffers to its staging file, in order, and makes the file durable, in one of two
 * modes. A mid-sized body goes with direct I/O: whole blocks straight from the (block-aligned)
 * buffer to the device, which spares the CPU the copy into the page cache, and only a last partial
 * block through the page cache. A large body goes through the page cache, flushed by {@link
 * EarlyWriteBack} as it grows and its pages released once written ({@link PageCacheRelease}), so
 * the final fsync has little left and no copy stays in memory. Large bodies are not written with
 * direct I/O because a direct write issued during a flush waits for it: on the benchmark machine's
 * virtual disk, the writing thread of a 1 GiB {@code PUT} spent 1.2–2.0 s in direct writes flushed
 * every 8 MiB, against 0.18–0.26 s through the page cache, where only the flushing thread waits.
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
   * Writes to {@code file} from its start through {@code channel}, opened on it for writing without
   * direct I/O, flushing the file in the background each time another {@code writeBackEvery} bytes
   * are written and releasing the flushed pages; the writer closes the channel. For large bodies:
   * the flushing thread is one per writer.
   *
   * @param force whether {@link #finish} fsyncs the file; false when a file system flush follows
   */
  static StagingWriter throughPageCache(Path file, FileChannel channel, long writeBackEvery, boolean force) {
    EarlyWriteBack writeBack = EarlyWriteBack.start(channel, writeBackEvery, PageCacheRelease.open(file));
    return new StagingWriter(file, channel, 0, Optional.of(writeBack), force);
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
