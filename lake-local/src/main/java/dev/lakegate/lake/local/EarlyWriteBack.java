package dev.lakegate.lake.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * Starts writing a growing file to the disk long before its closing fsync: each time the writer
 * has added another {@code every} bytes, a background thread flushes the file ({@code
 * force(false)}, an fdatasync, which also empties the device's own write cache), so the disk works
 * while the body is still arriving and the final fsync finds little left, and then releases the
 * pages it flushed. Without it the kernel would hold a whole large body in dirty pages (its
 * background threshold is a share of RAM) and write it only at the end: on the benchmark machine
 * the fsync after a 1 GiB body took 0.6–0.9 s. Java has no {@code sync_file_range}; a flush from
 * another thread is the portable way to the same effect. A flush failure is kept and reported by
 * {@link #finish()}.
 */
final class EarlyWriteBack {
  private final FileChannel channel;
  private final long every;
  // Hand-written on purpose: one permit per due flush, drained at once, is all the signalling needed.
  private final Semaphore due = new Semaphore(0);
  private final Thread thread;
  private volatile boolean stopping;
  private volatile @Nullable IOException failure;
  private final Optional<PageCacheRelease> release;
  // Written by the flusher alone.
  private volatile long flushes;
  // Written by the writer alone, after the bytes it counts.
  private volatile long requestedAt;

  private EarlyWriteBack(FileChannel channel, long every, Optional<PageCacheRelease> release) {
    this.channel = channel;
    this.every = every;
    this.release = release;
    this.thread = Thread.ofPlatform().daemon().name("lake-write-back").unstarted(this::flushWhenDue);
  }

  /**
   * Starts flushing {@code channel} every {@code every} bytes written, and after each flush
   * releasing the pages it wrote through {@code release}, which the flusher closes when it stops.
   */
  static EarlyWriteBack start(FileChannel channel, long every, Optional<PageCacheRelease> release) {
    EarlyWriteBack writeBack = new EarlyWriteBack(channel, every, release);
    try {
      writeBack.thread.start();
    } catch (RuntimeException | Error e) {
      // The flusher that would have closed it never ran.
      release.ifPresent(PageCacheRelease::close);
      throw e;
    }
    return writeBack;
  }

  /** Tells the flusher how far the writer has come; asks for a flush once another step is done. */
  void written(long total) {
    if (total - requestedAt >= every) {
      requestedAt = total;
      due.release();
    }
  }

  /** The flushes done so far, each with its release of pages. */
  long flushes() {
    return flushes;
  }

  /**
   * Stops the flusher and waits for it.
   *
   * @throws IOException the failure of a flush, if one failed
   */
  void finish() throws IOException {
    stop();
    IOException failed = failure;
    if (failed != null) {
      throw failed;
    }
  }

  /** Stops the flusher and waits for it, ignoring any failure (the file is being abandoned). */
  void stop() {
    stopping = true;
    due.release();
    // The flusher uses the channel; it must be done before the caller closes it.
    PipelinedCopy.joinUninterruptibly(thread);
  }

  private void flushWhenDue() {
    long released = 0;
    try {
      while (true) {
        due.acquireUninterruptibly();
        due.drainPermits();
        if (stopping) {
          return;
        }
        long written = requestedAt;
        channel.force(false);
        if (release.isPresent()) {
          release.get().release(released, written);
          released = written;
        }
        flushes++;
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      release.ifPresent(PageCacheRelease::close);
    }
  }
}
