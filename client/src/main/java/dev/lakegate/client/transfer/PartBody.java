package dev.lakegate.client.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of one PUT, which can be read more than once (once for the MD5, once per attempt):
 * a range of a file, read from disk each time, or a buffer filled from a stream.
 */
sealed interface PartBody {

  long length();

  InputStream open() throws IOException;

  /** {@code length} bytes of {@code file} from {@code offset}; never held in memory. */
  record FileRange(Path file, long offset, long length) implements PartBody {
    @Override
    public InputStream open() throws IOException {
      return new RangeStream(FileChannel.open(file, StandardOpenOption.READ), offset, offset + length);
    }
  }

  /** The first {@code length} bytes of {@code bytes}, read from a stream that cannot be read twice. */
  final class Buffer implements PartBody {
    private final byte[] bytes;
    private final int length;

    Buffer(byte[] bytes, int length) {
      if (length < 0 || length > bytes.length) {
        throw new IllegalArgumentException("length " + length + " outside the buffer");
      }
      this.bytes = bytes;
      this.length = length;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes, 0, length);
    }
  }

  /**
   * A bounded view of a file by positional reads; written by hand because the JDK has no bounded
   * stream over a channel range, and positional reads let parts of one file be read in parallel.
   */
  final class RangeStream extends InputStream {
    private final FileChannel channel;
    private long position;
    private final long end;

    RangeStream(FileChannel channel, long start, long end) {
      this.channel = channel;
      this.position = start;
      this.end = end;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int off, int len) throws IOException {
      if (position >= end) {
        return -1;
      }
      int wanted = (int) Math.min(len, end - position);
      int read = channel.read(ByteBuffer.wrap(target, off, wanted), position);
      if (read < 0) {
        throw new IOException("the file became shorter while it was being uploaded");
      }
      position += read;
      return read;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
