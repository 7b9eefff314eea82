package dev.lakegate.lake.local;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A body that arrives a few bytes per read, as a socket delivers it. */
final class Trickle extends InputStream {
  private final ByteArrayInputStream bytes;
  private final int most;

  Trickle(byte[] content, int most) {
    this.bytes = new ByteArrayInputStream(content);
    this.most = most;
  }

  @Override
  public int read() {
    return bytes.read();
  }

  @Override
  public int read(byte[] b, int off, int len) {
    return bytes.read(b, off, Math.min(len, most));
  }
}
