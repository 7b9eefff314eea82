package dev.lakegate.cli.it;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * A reproducible pseudo-random byte stream of a given length, so tests can upload gigabytes
 * without holding them anywhere and recompute the expected digest independently.
 */
final class PatternStream extends InputStream {
  private static final int BLOCK = 1 << 16;

  private final long length;
  private final byte[] block = new byte[BLOCK];
  private long position;

  /** Bytes of one random 64 KiB block, repeated, each repetition stamped with its index so no two blocks are equal. */
  PatternStream(long seed, long length) {
    this.length = length;
    new SplittableRandom(seed).nextBytes(block);
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int count) {
    if (position >= length) {
      return -1;
    }
    int inBlock = (int) (position % BLOCK);
    int n = (int) Math.min(Math.min(count, length - position), BLOCK - inBlock);
    System.arraycopy(block, inBlock, buffer, offset, n);
    long index = position / BLOCK;
    for (int i = inBlock; i < Math.min(8, inBlock + n); i++) {
      buffer[offset + i - inBlock] = (byte) (index >>> (8 * i));
    }
    position += n;
    return n;
  }

  /** The base64 MD5 of the whole stream of that seed and length. */
  static String contentMd5(long seed, long length) {
    try (PatternStream stream = new PatternStream(seed, length)) {
      return Md5.of(stream);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
