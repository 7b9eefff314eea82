package dev.lakegate.bench.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What the disk allows a durable PUT: writing whole files and forcing them to the device
 * ({@code fsync}), the same work {@code dd conv=fsync} does, on the disk holding {@code directory}.
 * Scenario 3 compares with many small files written at the same concurrency as its PUTs,
 * scenario 4 with one large file. The large file is deleted before it returns; the small files
 * stay in their scratch directory under the given one, which the caller removes at the end of its
 * run: on ext4 without a journal, inodes freed in the last seconds to minutes are skipped when new
 * files are created, so deleting thousands of files here would slow whatever creates files next.
 */
public final class FsyncWrites {
  private final Path directory;

  /** @param directory an existing directory on the disk under test (the lake's) */
  public FsyncWrites(Path directory) {
    this.directory = directory;
  }

  /** Files of {@code content}'s size written and fsync'd per second by {@code threads} writers. */
  public Rate smallFiles(PatternContent content, int threads, Duration duration, long maxFiles)
      throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory(directory, "fsync-small-");
    byte[] bytes = content.head();
    AtomicLong written = new AtomicLong();
    long deadline = System.nanoTime() + duration.toNanos();
    long start = System.nanoTime();
    List<Thread> writers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      writers.add(Thread.ofPlatform().name("fsync-" + i).start(() -> {
        for (long n = written.getAndIncrement(); n < maxFiles && System.nanoTime() < deadline;
            n = written.getAndIncrement()) {
          writeDurably(scratch.resolve("f" + n), bytes);
        }
      }));
    }
    for (Thread writer : writers) {
      writer.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long files = countFiles(scratch);
    return new Rate("write+fsync " + humanSize(bytes.length) + " files, " + threads + (threads == 1 ? " thread" : " threads"),
        files / seconds, "files");
  }

  /** Bytes per second of writing {@code content} to one file and forcing it to the device once at the end. */
  public Rate oneFile(PatternContent content) throws IOException {
    Path file = Files.createTempFile(directory, "fsync-large-", ".bin");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      long start = System.nanoTime();
      content.forEachBlock((bytes, length) -> writeFully(channel, ByteBuffer.wrap(bytes, 0, length)));
      channel.force(true);
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Rate("write+fsync one " + humanSize(content.length()) + " file", content.length() / seconds, "bytes");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void writeDurably(Path file, byte[] bytes) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      writeFully(channel, ByteBuffer.wrap(bytes));
      channel.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static long countFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    }
  }

  static String humanSize(long bytes) {
    if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
      return bytes / (1L << 30) + " GiB";
    }
    if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
      return bytes / (1L << 20) + " MiB";
    }
    return bytes / 1024 + " KiB";
  }
}
