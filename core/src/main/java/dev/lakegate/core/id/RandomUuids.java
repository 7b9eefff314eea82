package dev.lakegate.core.id;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Version 4 UUIDs from a {@link SecureRandom}, laid out as {@link UUID#randomUUID()} lays them out,
 * drawn {@value #BATCH} at a time. The JDK's default source on Linux ({@code NativePRNG}) takes one
 * process-wide lock and reads the system's generator for each draw however small, so a server that
 * makes two UUIDs a request spends more on the draws than on the bytes; one draw of {@value #BATCH}
 * UUIDs' bytes pays that once.
 */
public final class RandomUuids implements Supplier<UUID> {
  /** UUIDs per draw from the source. */
  static final int BATCH = 32;

  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private final SecureRandom random;
  // A lock rather than a monitor, so that a virtual thread waiting here never pins its carrier on JDK 21.
  private final ReentrantLock lock = new ReentrantLock();
  private final byte[] buffer = new byte[BATCH * 16];
  private int next = buffer.length;

  public RandomUuids(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public UUID get() {
    long high;
    long low;
    lock.lock();
    try {
      if (next == buffer.length) {
        random.nextBytes(buffer);
        next = 0;
      }
      high = (long) BIG_ENDIAN_LONG.get(buffer, next);
      low = (long) BIG_ENDIAN_LONG.get(buffer, next + 8);
      next += 16;
    } finally {
      lock.unlock();
    }
    // RFC 9562: version 4 in the 4 bits above the low 12 of the high half; variant 0b10 on top of the low half.
    high = (high & ~0xF000L) | 0x4000L;
    low = (low & 0x3FFF_FFFF_FFFF_FFFFL) | Long.MIN_VALUE;
    return new UUID(high, low);
  }
}
