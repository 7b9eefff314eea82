package dev.lakegate.lake.local;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The directory where bodies are written before they become visible: on the lake's own filesystem
 * (so the final rename is atomic), outside every bucket (so other tools never see half a file).
 * A small body streams through a fixed buffer with its MD5 computed on the way (or, when it fits
 * the buffer whole, in a batch with others: {@link BatchedMd5}), from a few blocks
 * on with direct I/O where the filesystem takes it and an aligned buffer is free; a large one goes
 * through a {@link PipelinedCopy}, which reads, hashes and writes (through the page cache, flushed
 * and released as it goes) at the same time, as long as a ring of buffers is free for it in the
 * {@link RingPool} (else it takes the small path). Either way
 * memory does not grow with object size. After a crash, the journal replay first renames the
 * staged files it names into place; whatever is left then is garbage, removed by {@link #sweep}.
 */
final class StagingArea {
  private static final int BUFFER_BYTES = 64 * 1024;
  /** Bodies from this size on are worth the threads of a pipelined copy. */
  static final long PIPELINE_MIN_BYTES = 2L * PipelinedCopy.BUFFER_BYTES;
  /** Pipelined copies at once: each holds a ring of buffers; more bodies take the small path. */
  static final int MAX_PIPELINES = 4;
  /**
   * Bodies from this size on (below {@link #PIPELINE_MIN_BYTES}) are written with direct I/O from
   * one of {@link #MAX_DIRECT_BODIES} aligned buffers of {@link #DIRECT_BUFFER_BYTES}, where the
   * filesystem takes it: a few blocks are enough for the page cache's copy and write-back to cost
   * more than the extra open of a last partial block.
   */
  static final long DIRECT_MIN_BYTES = 16 * 1024;
  static final int DIRECT_BUFFER_BYTES = 256 * 1024;
  static final int MAX_DIRECT_BODIES = 32;
  /**
   * Bytes between two early flushes of a large body: what the final fsync may have left to write,
   * and what stays cached until a flush lets its pages go.
   */
  static final long WRITE_BACK_EVERY = 8L * 1024 * 1024;
  /** Copy buffers kept for the next bodies; more bodies at once allocate their own. */
  static final int MAX_IDLE_COPY_BUFFERS = MAX_DIRECT_BODIES;

  private static final Set<OpenOption> CREATE_NEW_FOR_WRITING =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  private static final Set<OpenOption> CREATE_NEW_DIRECT =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);

  private final Path dir;
  private final FileAttribute<?>[] ownerOnly;
  private final RingPool rings;
  private final RingPool blocks;
  /**
   * The heap buffers small and mid-sized bodies are read and hashed through, kept for reuse: a new
   * one per body is too large for the allocation fast path and is zeroed in the slow one, which
   * cost about 2 % of a 64 KiB {@code PUT}'s CPU.
   */
  private final BlockingQueue<byte[]> copyBuffers = new ArrayBlockingQueue<>(MAX_IDLE_COPY_BUFFERS);

  private StagingArea(Path dir, RingPool blocks) {
    this.dir = dir;
    this.ownerOnly = ownerOnly(dir);
    this.rings = RingPool.unaligned(MAX_PIPELINES, PipelinedCopy.BUFFERS, PipelinedCopy.BUFFER_BYTES);
    this.blocks = blocks;
  }

  /**
   * The attribute that creates a file readable by the owner only, where the file system of
   * {@code dir} has POSIX permissions (a file keeps them when it is renamed into the lake); else none.
   */
  static FileAttribute<?>[] ownerOnly(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
  }

  /** Creates the directory if needed; what a previous run left in it stays until {@link #sweep}. */
  static StagingArea open(Path dir) throws IOException {
    return open(dir, true);
  }

  /**
   * {@link #open(Path)}, choosing whether mid-sized bodies may bypass the page cache.
   *
   * @param directIo whether mid-sized bodies use direct I/O where the filesystem offers it
   */
  static StagingArea open(Path dir, boolean directIo) throws IOException {
    Files.createDirectories(dir);
    return new StagingArea(dir, RingPool.forDirectWrites(dir, directIo, MAX_DIRECT_BODIES, 1, DIRECT_BUFFER_BYTES));
  }

  /** Removes every file in the directory: at start-up, what a previous run left behind. */
  void sweep() throws IOException {
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir)) {
      for (Path file : stale) {
        DurableFiles.deleteTree(file);
      }
    }
  }

  Path dir() {
    return dir;
  }

  /** A new, empty temporary file: {@link #newFile(byte[])} with no content. */
  Path newFile() throws IOException {
    return newFile(new byte[0]);
  }

  /**
   * A new temporary file holding {@code content}, created and written in one open (not fsynced),
   * readable by the owner only where the file system has POSIX permissions, as it keeps them when
   * it is renamed into the lake. Its name is random, and creation fails rather than reuse a name.
   */
  Path newFile(byte[] content) throws IOException {
    Created created = create(false);
    try (FileChannel out = created.channel()) {
      ByteBuffer bytes = ByteBuffer.wrap(content);
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      return created.path();
    } catch (IOException | RuntimeException e) {
      deleteQuietly(created.path());
      throw e;
    }
  }

  /** A staging file just created, open for writing; {@code direct} when the channel bypasses the page cache. */
  private record Created(Path path, FileChannel channel, boolean direct) {}

  /**
   * Creates a file of a new random name (as {@link #newFile(byte[])} does) and opens it for
   * writing in the same call, with direct I/O when {@code direct} asks for it and the file system
   * takes it there, else through the page cache.
   */
  private Created create(boolean direct) throws IOException {
    boolean tryDirect = direct;
    while (true) {
      Path file = dir.resolve("stage-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
      try {
        if (tryDirect) {
          try {
            return new Created(file, FileChannel.open(file, CREATE_NEW_DIRECT, ownerOnly), true);
          } catch (FileAlreadyExistsException taken) {
            throw taken;
          } catch (IOException | UnsupportedOperationException refused) {
            // A file system may create the file and then refuse direct I/O on it (EINVAL): remove
            // it, and write through the page cache, which is as correct, only slower.
            deleteQuietly(file);
            tryDirect = false;
            continue;
          }
        }
        return new Created(file, FileChannel.open(file, CREATE_NEW_FOR_WRITING, ownerOnly), false);
      } catch (FileAlreadyExistsException taken) {
        // Another file has this name: draw another.
      }
    }
  }

  /**
   * Writes exactly {@code length} bytes of {@code body} to a new temporary file and fsyncs it.
   * Nothing is left behind on failure.
   *
   * @param expectedMd5 the digest the bytes must have, when the caller declared one
   * @throws S3ErrorException {@code IncompleteBody} when the body ends early or the read fails,
   *     {@code BadDigest} when the MD5 differs, {@code InternalError} when the disk fails
   */
  StagedFile receive(InputStream body, long length, Optional<byte[]> expectedMd5) {
    return receive(body, length, expectedMd5, true);
  }

  /**
   * {@link #receive(InputStream, long, Optional)}, fsyncing the file only when {@code force}: the
   * caller that passes false makes it durable with a file system flush of its own.
   */
  StagedFile receive(InputStream body, long length, Optional<byte[]> expectedMd5, boolean force) {
    return stage(body, length, force).verify(expectedMd5);
  }

  /**
   * Writes exactly {@code length} bytes of {@code body} to a new temporary file, fsyncing it only
   * when {@code force}, and returns it with its MD5, which may still be being computed: a
   * mid-sized body's MD5 is computed in a batch with others ({@link BatchedMd5}) while its upload
   * waits for the disk. Nothing is left behind on failure.
   *
   * @throws S3ErrorException {@code IncompleteBody} when the body ends early or the read fails,
   *     {@code InternalError} when the disk fails
   */
  ReceivedBody stage(InputStream body, long length, boolean force) {
    Optional<List<ByteBuffer>> ring = length >= PIPELINE_MIN_BYTES ? rings.tryAcquire() : Optional.empty();
    Optional<List<ByteBuffer>> block = ring.isEmpty() && length >= DIRECT_MIN_BYTES && blocks.alignment() > 0
        ? blocks.tryAcquire() : Optional.empty();
    try {
      Created file;
      try {
        // Created in the mode it is written in: one open per body.
        file = create(ring.isEmpty() && block.isPresent());
      } catch (IOException e) {
        throw new S3ErrorException(S3Error.INTERNAL_ERROR, "cannot create a staging file", e);
      }
      boolean kept = false;
      try {
        PendingMd5 md5 = copyHashing(body, length, file, ring, block, force);
        kept = true;
        return new ReceivedBody(file.path(), md5, length);
      } finally {
        if (!kept) {
          deleteQuietly(file.path());
        }
      }
    } finally {
      ring.ifPresent(rings::release);
      block.ifPresent(blocks::release);
    }
  }

  /**
   * Copies the body into {@code file} and makes it durable: through a pipelined copy over
   * {@code ring} when there is one, else gathered in {@code block} for direct writes when the file
   * was opened for them, else through the page cache. Closes the file's channel.
   */
  private PendingMd5 copyHashing(InputStream body, long length, Created file, Optional<List<ByteBuffer>> ring,
      Optional<List<ByteBuffer>> block, boolean force) {
    try {
      if (ring.isPresent()) {
        try (StagingWriter writer = StagingWriter.throughPageCache(file.path(), file.channel(), WRITE_BACK_EVERY, force)) {
          return PendingMd5.of(PipelinedCopy.copy(body, length, writer, ring.get()));
        }
      }
      if (block.isPresent() && file.direct()) {
        try (StagingWriter writer = StagingWriter.direct(file.path(), file.channel(), blocks.alignment(), force)) {
          return copy(body, length, new DirectSink(writer, block.get().getFirst(), length));
        }
      }
      try (FileChannel out = file.channel()) {
        return copy(body, length, new PageCacheSink(out, force));
      }
    } catch (IOException e) {
      throw new S3ErrorException(S3Error.INTERNAL_ERROR, "cannot write a staging file", e);
    }
  }

  /** Where {@link #copy} puts a body's bytes, in order, makes them durable and hashes them. */
  private interface BodySink {
    void write(byte[] bytes, int length) throws IOException;

    /** Ends the body; returns its MD5, known or to come. */
    PendingMd5 finish() throws IOException;
  }

  /** Through the page cache, then one fsync when {@code force}. */
  private static final class PageCacheSink implements BodySink {
    private final FileChannel out;
    private final boolean force;
    private final MessageDigest md5 = newMd5();

    PageCacheSink(FileChannel out, boolean force) {
      this.out = out;
      this.force = force;
    }

    @Override
    public void write(byte[] bytes, int length) throws IOException {
      md5.update(bytes, 0, length);
      ByteBuffer chunk = ByteBuffer.wrap(bytes, 0, length);
      while (chunk.hasRemaining()) {
        out.write(chunk);
      }
    }

    @Override
    public PendingMd5 finish() throws IOException {
      if (force) {
        out.force(true);
      }
      return PendingMd5.of(md5.digest());
    }
  }

  /**
   * Gathered in an aligned buffer and written with direct I/O whenever it is full, so the bytes
   * are not copied into the page cache and written back from there: for a mid-sized body those
   * two cost the CPU more than the rest of its request.
   */
  private static final class DirectSink implements BodySink {
    private final StagingWriter writer;
    private final ByteBuffer buffer;
    /** Where a body that fits the buffer whole is hashed; else the sink hashes it as it comes. */
    private final Optional<BatchedMd5> batched;
    private final Optional<MessageDigest> md5;

    DirectSink(StagingWriter writer, ByteBuffer buffer, long length) {
      this.writer = writer;
      this.buffer = buffer.clear();
      // Smaller than the buffer: a body that fills it is written out before its end.
      this.batched = length < buffer.capacity() ? BatchedMd5.shared() : Optional.empty();
      this.md5 = batched.isPresent() ? Optional.empty() : Optional.of(newMd5());
    }

    @Override
    public void write(byte[] bytes, int length) throws IOException {
      if (md5.isPresent()) {
        md5.get().update(bytes, 0, length);
      }
      for (int done = 0; done < length; ) {
        int n = Math.min(length - done, buffer.remaining());
        buffer.put(bytes, done, n);
        done += n;
        if (!buffer.hasRemaining()) {
          writer.write(buffer, buffer.position());
          buffer.clear();
        }
      }
    }

    @Override
    public PendingMd5 finish() throws IOException {
      // Handed over before the write, so the body is hashed while it goes to the disk.
      PendingMd5 digest = batched.isPresent()
          ? batched.get().submit(buffer.duplicate().flip(), buffer.position())
          : PendingMd5.of(md5.orElseThrow().digest());
      if (buffer.position() > 0) {
        writer.write(buffer, buffer.position());
      }
      writer.finish();
      return digest;
    }
  }

  /**
   * Copies exactly {@code length} bytes of {@code body} to {@code sink}, which hashes them,
   * through a reused buffer (the sinks keep no reference to it once a write returns).
   */
  private PendingMd5 copy(InputStream body, long length, BodySink sink) throws IOException {
    byte[] buffer = copyBuffers.poll();
    if (buffer == null) {
      buffer = new byte[BUFFER_BYTES];
    }
    try {
      return copy(body, length, sink, buffer);
    } finally {
      // Dropped when the idle buffers are enough already.
      copyBuffers.offer(buffer);
    }
  }

  private static PendingMd5 copy(InputStream body, long length, BodySink sink, byte[] buffer) throws IOException {
    long remaining = length;
    while (remaining > 0) {
      int n = read(body, buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) {
        throw new S3ErrorException(
            S3Error.INCOMPLETE_BODY, "body ended " + remaining + " bytes before Content-Length");
      }
      sink.write(buffer, n);
      remaining -= n;
    }
    if (read(body, buffer, 0, 1) > 0) {
      throw new S3ErrorException(S3Error.BODY_LONGER_THAN_CONTENT_LENGTH, "body continues past Content-Length");
    }
    return sink.finish();
  }

  /** Reads at most {@code max} bytes; a failed read is a cut-off body. */
  static int read(InputStream body, byte[] buffer, int offset, int max) {
    try {
      return body.read(buffer, offset, max);
    } catch (IOException e) {
      // The client went away or the connection broke mid-body: the upload is cut off.
      throw new S3ErrorException(S3Error.INCOMPLETE_BODY, "reading the body failed: " + e.getMessage(), e);
    }
  }

  static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left for the start-up sweep; it is in the staging directory, invisible to readers.
    }
  }
}
