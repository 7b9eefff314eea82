package dev.lakegate.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body held in memory and sent again with every request, by many workers at once: some
 * bytes, or a block of bytes repeated up to a length, which stands for an object of any size
 * without holding it. The harness's socket transport writes the bytes to the socket as they are;
 * {@code java.net.http}'s own publishers, which the JDK transport still uses, copy them into new
 * buffers for every request, harness CPU taken from the server on shared cores.
 */
public final class InMemoryBody implements HttpRequest.BodyPublisher {
  private final byte[] block;
  private final long length;
  private final HttpRequest.BodyPublisher publisher;

  private InMemoryBody(byte[] block, long length) {
    this.block = block;
    this.length = length;
    this.publisher = length == block.length
        ? HttpRequest.BodyPublishers.ofByteArray(block)
        : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(this::open), length);
  }

  /** A body of {@code bytes}, which the caller must not change while it is in use. */
  public static InMemoryBody of(byte[] bytes) {
    return new InMemoryBody(bytes, bytes.length);
  }

  /**
   * A body of {@code length} bytes: {@code block} again and again, the last time cut short. The
   * caller must not change {@code block} while the body is in use.
   */
  public static InMemoryBody repeating(byte[] block, long length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, got " + length);
    }
    if (block.length == 0 && length > 0) {
      throw new IllegalArgumentException("an empty block cannot make " + length + " bytes");
    }
    return new InMemoryBody(block, length);
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    publisher.subscribe(subscriber);
  }

  /** The bytes the body repeats (all of it, when it is not longer); not to be changed. */
  byte[] block() {
    return block;
  }

  /** A fresh stream of the whole body. */
  public InputStream open() {
    return new Stream();
  }

  /** Writes the body to {@code out}, a block at a time. */
  void writeTo(OutputStream out) throws IOException {
    for (long left = length; left > 0; left -= block.length) {
      out.write(block, 0, (int) Math.min(left, block.length));
    }
  }

  private final class Stream extends InputStream {
    private long position;

    @Override
    public int read() {
      if (position >= length) {
        return -1;
      }
      return block[(int) (position++ % block.length)] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int count) {
      if (position >= length) {
        return -1;
      }
      int at = (int) (position % block.length);
      int n = (int) Math.min(Math.min(count, block.length - at), length - position);
      System.arraycopy(block, at, target, offset, n);
      position += n;
      return n;
    }
  }
}
