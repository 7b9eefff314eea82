package dev.lakegate.bench.baseline;

import dev.lakegate.bench.load.InMemoryBody;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;

/**
 * Object content of any length without holding it: one 1 MiB block of seeded random bytes,
 * repeated. Random bytes keep any compression on the path honest; repeating a block keeps memory
 * flat for a 1 GiB object. The same seed and length always give the same bytes and MD5.
 */
public final class PatternContent {
  private static final int BLOCK = 1 << 20;

  private final byte[] block;
  private final long length;

  public PatternContent(long length, Random seeded) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, got " + length);
    }
    this.length = length;
    this.block = new byte[BLOCK];
    seeded.nextBytes(block);
  }

  public long length() {
    return length;
  }

  /** A fresh stream of the whole content. */
  public InputStream open() {
    return body().open();
  }

  /** The whole content as a request body, written to the socket block by block without copies. */
  public InMemoryBody body() {
    return InMemoryBody.repeating(block, length);
  }

  /** The content's first {@code min(length, 1 MiB)} bytes, for objects small enough to hold. */
  public byte[] head() {
    return java.util.Arrays.copyOf(block, (int) Math.min(length, BLOCK));
  }

  /** Base64 MD5 of the whole content (the {@code Content-MD5} header value). */
  public String contentMd5() {
    MessageDigest md5 = md5();
    long left = length;
    while (left > 0) {
      int n = (int) Math.min(left, BLOCK);
      md5.update(block, 0, n);
      left -= n;
    }
    return Base64.getEncoder().encodeToString(md5.digest());
  }

  /** Feeds the whole content to {@code sink} block by block, as a writer would. */
  void forEachBlock(BlockSink sink) throws java.io.IOException {
    long left = length;
    while (left > 0) {
      int n = (int) Math.min(left, BLOCK);
      sink.accept(block, n);
      left -= n;
    }
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides MD5", e);
    }
  }

  /** Receives the content one block at a time. */
  @FunctionalInterface
  interface BlockSink {
    void accept(byte[] bytes, int length) throws java.io.IOException;
  }
}
