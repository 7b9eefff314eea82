package dev.lakegate.bench.baseline;

import java.security.MessageDigest;

/**
 * Scenario 4's other limit: a PUT bound to a {@code Content-MD5} must hash every byte on one
 * stream, so it cannot go faster than one core computes MD5. Measured over the same content.
 */
public final class Md5Rate {

  /** Bytes per second of MD5 over {@code content} on this thread. */
  public Rate measure(PatternContent content) throws java.io.IOException {
    MessageDigest md5 = PatternContent.md5();
    long start = System.nanoTime();
    content.forEachBlock((bytes, length) -> md5.update(bytes, 0, length));
    md5.digest();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Rate("MD5, one stream", content.length() / seconds, "bytes");
  }
}
