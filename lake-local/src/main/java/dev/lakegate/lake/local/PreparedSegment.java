package dev.lakegate.lake.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * A journal segment ready to be appended to: created at its full size and filled with zeros, with
 * its content, its size and its name made durable. Appending inside it then changes no file system
 * metadata, so making an append durable ({@code fdatasync}) flushes the appended data only and
 * never waits for a file system journal commit. A zero where a record should start ends a replay,
 * like the end of the file.
 *
 * @param number the segment's sequence number; segments are replayed in this order
 * @param path the segment's file in the journal directory
 * @param channel open for writing
 */
record PreparedSegment(long number, Path path, FileChannel channel) {
  static final String PREFIX = "segment-";
  private static final String SUFFIX = ".log";
  private static final int ZEROS_BYTES = 256 * 1024;
  // Allocated once: a direct buffer per segment would hold native memory until a collection frees it.
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ZEROS_BYTES).asReadOnlyBuffer();

  /** Creates segment {@code number} of {@code bytes} zero bytes in {@code journalDir}, durably. */
  static PreparedSegment create(Path journalDir, long number, long bytes) throws IOException {
    Path path = journalDir.resolve(PREFIX + String.format(Locale.ROOT, "%019d", number) + SUFFIX);
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      // A duplicate of its own: segments may be prepared on two threads at once.
      ByteBuffer zeros = ZEROS.duplicate();
      for (long written = 0; written < bytes; ) {
        zeros.clear().limit((int) Math.min(ZEROS_BYTES, bytes - written));
        written += channel.write(zeros, written);
      }
      channel.force(true);
      DurableFiles.forceDirectory(journalDir);
      return new PreparedSegment(number, path, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      StagingArea.deleteQuietly(path);
      throw e;
    }
  }

  /** True for the name of a segment file. */
  static boolean isSegment(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
  }

  /** The sequence number in a segment file's name. */
  static long numberOf(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
  }
}
