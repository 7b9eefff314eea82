package dev.lakegate.lake.local;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Rings of direct buffers: those {@link PipelinedCopy} reads large bodies into, and the single
 * buffers mid-sized bodies are written from, which are aligned to the staging filesystem's block
 * size so a direct {@link StagingWriter} can hand them to the device as they are (when a one-block
 * probe at start-up shows that the filesystem takes direct writes). At most {@code max} rings
 * exist, which bounds the memory of the bodies received at once; a ring is kept for the next body
 * rather than left to the garbage collector, which frees direct memory only late.
 */
final class RingPool {
  private final int alignment;
  private final int buffers;
  private final int bufferBytes;
  private final Semaphore permits;
  private final BlockingQueue<List<ByteBuffer>> idle;

  private RingPool(int alignment, int max, int buffers, int bufferBytes) {
    this.alignment = alignment;
    this.buffers = buffers;
    this.bufferBytes = bufferBytes;
    this.permits = new Semaphore(max);
    this.idle = new ArrayBlockingQueue<>(max);
  }

  /**
   * A pool of at most {@code max} rings of {@code buffers} buffers of {@code bufferBytes} each, for
   * direct writes to staging files in {@code dir}: aligned to its block size where the filesystem
   * takes direct writes and the block size divides {@code bufferBytes}, else unaligned, with an
   * {@link #alignment()} of 0.
   *
   * @param directIo whether to try direct I/O there at all
   */
  static RingPool forDirectWrites(Path dir, boolean directIo, int max, int buffers, int bufferBytes) {
    int alignment = directIo ? directIoAlignment(dir) : 0;
    return new RingPool(alignment > 0 && bufferBytes % alignment == 0 ? alignment : 0, max, buffers, bufferBytes);
  }

  /** A pool of at most {@code max} rings of {@code buffers} buffers of {@code bufferBytes} each, unaligned. */
  static RingPool unaligned(int max, int buffers, int bufferBytes) {
    return new RingPool(0, max, buffers, bufferBytes);
  }

  /** The block size a direct {@link StagingWriter} needs; 0 when direct I/O is not to be used. */
  int alignment() {
    return alignment;
  }

  /** A ring, when fewer than {@code max} are in use. */
  Optional<List<ByteBuffer>> tryAcquire() {
    if (!permits.tryAcquire()) {
      return Optional.empty();
    }
    List<ByteBuffer> ring = idle.poll();
    if (ring != null) {
      return Optional.of(ring);
    }
    try {
      return Optional.of(newRing());
    } catch (OutOfMemoryError e) {
      // Direct memory is short (its limit is shared with the HTTP server's buffers): take the small path.
      permits.release();
      return Optional.empty();
    }
  }

  /** Gives back a ring {@link #tryAcquire} handed out, once nothing uses it any more. */
  void release(List<ByteBuffer> ring) {
    idle.add(ring);
    permits.release();
  }

  private List<ByteBuffer> newRing() {
    List<ByteBuffer> ring = new ArrayList<>(buffers);
    for (int i = 0; i < buffers; i++) {
      ByteBuffer raw = ByteBuffer.allocateDirect(bufferBytes + alignment);
      ByteBuffer aligned = alignment > 0 ? raw.alignedSlice(alignment) : raw;
      ring.add(aligned.slice(0, bufferBytes));
    }
    return List.copyOf(ring);
  }

  private static int directIoAlignment(Path dir) {
    int size = blockSize(dir);
    return size > 0 && directWriteWorks(dir, size) ? size : 0;
  }

  /** Writes one block with direct I/O: some filesystems accept the flag on open but refuse the writes. */
  private static boolean directWriteWorks(Path dir, int size) {
    Path probe;
    try {
      probe = Files.createTempFile(dir, "probe-", ".tmp");
    } catch (IOException e) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)) {
      ByteBuffer block = ByteBuffer.allocateDirect(2 * size).alignedSlice(size).limit(size);
      return channel.write(block, 0) == size;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    } finally {
      StagingArea.deleteQuietly(probe);
    }
  }

  private static int blockSize(Path dir) {
    try {
      long size = Files.getFileStore(dir).getBlockSize();
      // Direct I/O needs a power of two; the pool also needs it to divide its buffers.
      boolean usable = size > 0 && Long.bitCount(size) == 1;
      return usable ? (int) size : 0;
    } catch (IOException | UnsupportedOperationException e) {
      return 0;
    }
  }
}
