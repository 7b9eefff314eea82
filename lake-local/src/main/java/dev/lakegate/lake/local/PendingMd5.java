package dev.lakegate.lake.local;

/** A body's MD5: known already, or being computed in a {@link BatchedMd5} batch. */
@FunctionalInterface
interface PendingMd5 {
  /**
   * The 16 bytes of the MD5, waiting for them if they are still being computed.
   *
   * @throws IllegalStateException when the thread was interrupted or the hashing failed
   */
  byte[] get();

  /** An MD5 already computed. */
  static PendingMd5 of(byte[] md5) {
    byte[] copy = md5.clone();
    return copy::clone;
  }
}
