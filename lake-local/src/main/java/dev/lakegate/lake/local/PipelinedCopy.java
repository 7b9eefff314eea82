package dev.lakegate.lake.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Copies one large body into a staging file with reading, hashing and writing done at the same
 * time rather than one after the other (the body of a presigned {@code PUT}, {@code contract.md}
 * §6): the calling thread reads the body into a small ring of buffers, and two threads of the copy
 * take every filled buffer, one writing it through a {@link StagingWriter}, the other computing the
 * MD5; a buffer is read into again once both are done with it. The ring is all the memory a copy
 * holds, whatever the body's size. Failures are those of {@link StagingArea#receive}, and no thread
 * of a copy outlives it.
 */
final class PipelinedCopy {
  /** Size of each buffer of a ring: large writes, few hand-offs; a multiple of any block size. */
  static final int BUFFER_BYTES = 1024 * 1024;
  /** Buffers in a ring: enough for the reader to run ahead while the writer and the hasher work. */
  static final int BUFFERS = 4;
  // Reads from the body and copies into the hasher go through small heap arrays, which stay in cache.
  private static final int CHUNK_BYTES = 64 * 1024;

  private record Slice(ByteBuffer buffer, int length, AtomicInteger users) {}

  private static final Slice END = new Slice(ByteBuffer.allocate(0), 0, new AtomicInteger());
  // Handed to the reader by a worker that stopped, so the reader cannot wait forever for a buffer.
  private static final ByteBuffer WORKER_STOPPED = ByteBuffer.allocate(0);

  // Hand-written hand-off: bounded queues of whole buffers are all a fan-out to two workers needs.
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS + 2);
  private final BlockingQueue<Slice> toWrite = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final BlockingQueue<Slice> toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final MessageDigest md5 = StagingArea.newMd5();
  private final StagingWriter writer;
  private volatile @Nullable IOException writeFailure;

  private PipelinedCopy(StagingWriter writer, List<ByteBuffer> ring) {
    this.writer = writer;
    free.addAll(ring);
  }

  /**
   * Writes exactly {@code length} bytes of {@code body} through {@code writer} and makes them
   * durable.
   *
   * @param ring the buffers to use, each {@link #BUFFER_BYTES} long
   * @return the MD5 of the bytes
   * @throws S3ErrorException {@code IncompleteBody} when the body ends early or the read fails,
   *     {@code InvalidRequest} when it continues past {@code length}, {@code InternalError} when
   *     the disk fails
   */
  static byte[] copy(InputStream body, long length, StagingWriter writer, List<ByteBuffer> ring) {
    return new PipelinedCopy(writer, ring).run(body, length);
  }

  private byte[] run(InputStream body, long length) {
    Thread writing = Thread.ofPlatform().daemon().name("lake-write").start(this::writeUntilEnd);
    Thread hashing = Thread.ofPlatform().daemon().name("lake-md5").start(this::hashUntilEnd);
    boolean ended = false;
    try {
      stream(body, length);
      put(toWrite, END);
      put(toHash, END);
      joinUninterruptibly(writing);
      joinUninterruptibly(hashing);
      ended = true;
      throwIfWriteFailed();
      writer.finish();
      // The hasher's updates happen-before its end, which join() observed.
      return md5.digest();
    } catch (IOException e) {
      throw new S3ErrorException(S3Error.INTERNAL_ERROR, "cannot write a staging file", e);
    } finally {
      if (!ended) {
        stop(writing, toWrite);
        stop(hashing, toHash);
      }
    }
  }

  private void stream(InputStream body, long length) throws IOException {
    byte[] chunk = new byte[CHUNK_BYTES];
    long done = 0;
    while (done < length) {
      ByteBuffer buffer = take(free);
      if (buffer == WORKER_STOPPED) {
        throwIfWriteFailed();
        throw new S3ErrorException(S3Error.INTERNAL_ERROR, "the body's MD5 could not be computed");
      }
      int n = fill(body, chunk, buffer, (int) Math.min(buffer.capacity(), length - done), length - done);
      Slice slice = new Slice(buffer, n, new AtomicInteger(2));
      put(toWrite, slice);
      put(toHash, slice);
      done += n;
    }
    if (StagingArea.read(body, chunk, 0, 1) > 0) {
      throw new S3ErrorException(S3Error.BODY_LONGER_THAN_CONTENT_LENGTH, "body continues past Content-Length");
    }
  }

  /** Reads exactly {@code n} bytes into {@code buffer}; {@code remaining} is for the message. */
  private static int fill(InputStream body, byte[] chunk, ByteBuffer buffer, int n, long remaining) {
    buffer.clear();
    int filled = 0;
    while (filled < n) {
      int read = StagingArea.read(body, chunk, 0, Math.min(chunk.length, n - filled));
      if (read < 0) {
        throw new S3ErrorException(
            S3Error.INCOMPLETE_BODY, "body ended " + (remaining - filled) + " bytes before Content-Length");
      }
      buffer.put(chunk, 0, read);
      filled += read;
    }
    return filled;
  }

  private void writeUntilEnd() {
    try {
      for (Slice slice = toWrite.take(); slice != END; slice = toWrite.take()) {
        writer.write(slice.buffer(), slice.length());
        release(slice);
      }
    } catch (IOException e) {
      writeFailure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      free.offer(WORKER_STOPPED);
    }
  }

  private void hashUntilEnd() {
    byte[] chunk = new byte[CHUNK_BYTES];
    try {
      for (Slice slice = toHash.take(); slice != END; slice = toHash.take()) {
        ByteBuffer bytes = slice.buffer().duplicate().position(0).limit(slice.length());
        while (bytes.hasRemaining()) {
          int n = Math.min(chunk.length, bytes.remaining());
          bytes.get(chunk, 0, n);
          md5.update(chunk, 0, n);
        }
        release(slice);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      free.offer(WORKER_STOPPED);
    }
  }

  private void release(Slice slice) {
    if (slice.users().decrementAndGet() == 0) {
      free.add(slice.buffer());
    }
  }

  private void throwIfWriteFailed() throws IOException {
    IOException failed = writeFailure;
    if (failed != null) {
      throw failed;
    }
  }

  private static void stop(Thread worker, BlockingQueue<Slice> queue) {
    queue.clear();
    queue.offer(END);
    joinUninterruptibly(worker);
  }

  private static <T> T take(BlockingQueue<T> queue) {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new S3ErrorException(S3Error.INTERNAL_ERROR, "interrupted while receiving a body", e);
    }
  }

  private static <T> void put(BlockingQueue<T> queue, T item) {
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new S3ErrorException(S3Error.INTERNAL_ERROR, "interrupted while receiving a body", e);
    }
  }

  /**
   * Waits for {@code worker} to end even when interrupted, and then restores the interrupt: a
   * worker still using a buffer or a file must be done before its owner lets them go.
   */
  static void joinUninterruptibly(Thread worker) {
    boolean interrupted = false;
    while (true) {
      try {
        worker.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
