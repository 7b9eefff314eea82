package dev.lakegate.auth.store;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * How many times the state files of one data directory were written, shared by every process
 * that has the directory open: a counter in the owner-only file {@code .changes}, mapped into
 * memory, which {@link DataDirectory#write} increments after each rename. Reading it is a memory
 * load where a {@code stat} is a system call, so a {@link StateFile} needs a {@code stat} only
 * when the count moved.
 *
 * <p>The file is looked at again once per {@code recheckNanos}: when it was deleted or replaced (a
 * data directory restored from a backup), the counter follows the new file. Where the file cannot be
 * mapped, {@link #read} answers {@link #UNKNOWN} and readers fall back to a {@code stat} per call.
 */
final class ChangeCounter {
  /** What {@link #read} answers while no counter is mapped. */
  static final long UNKNOWN = Long.MIN_VALUE;
  static final String FILE_NAME = ".changes";
  private static final VarHandle COUNT = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
  // A mapping's number goes into the bits above the count, so the count of a new file never reads
  // as the same value as the old file's.
  private static final int COUNT_BITS = 40;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

  private final Path file;
  private final @Nullable FileAttribute<?> ownerOnly;
  private final long recheckNanos;
  private final LongSupplier nanoTime;
  private volatile Mapping mapping;

  private record Mapping(long number, @Nullable Object fileKey, @Nullable MappedByteBuffer buffer, long checkedAt) {}

  ChangeCounter(Path dir, @Nullable FileAttribute<?> ownerOnly, long recheckNanos, LongSupplier nanoTime) {
    this.file = dir.resolve(FILE_NAME);
    this.ownerOnly = ownerOnly;
    this.recheckNanos = recheckNanos;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.mapping = map(0);
  }

  /**
   * A value that differs from every earlier one once a write was counted or the counter moved to
   * a new file; {@link #UNKNOWN} without a mapped counter.
   */
  long read() {
    Mapping current = mapping;
    if (nanoTime.getAsLong() - current.checkedAt() >= recheckNanos) {
      current = recheck(current);
    }
    if (current.buffer() == null) {
      return UNKNOWN;
    }
    try {
      return (current.number() << COUNT_BITS) | ((long) COUNT.getVolatile(current.buffer(), 0) & COUNT_MASK);
    } catch (InternalError e) {
      // The JVM's answer to a mapped file cut short under the mapping: map it again, and let
      // this call's reader take a stat.
      replace(current);
      return UNKNOWN;
    }
  }

  /** Counts one write; call it after the write is in place. */
  void increment() {
    Mapping current = mapping;
    if (current.buffer() == null) {
      return;
    }
    try {
      COUNT.getAndAdd(current.buffer(), 0, 1L);
    } catch (InternalError e) {
      // Cut short, as in read(): count the write in the file mapped anew.
      Mapping fresh = replace(current);
      if (fresh.buffer() != null) {
        COUNT.getAndAdd(fresh.buffer(), 0, 1L);
      }
    }
  }

  private synchronized Mapping recheck(Mapping seen) {
    Mapping current = mapping;
    if (current != seen) {
      return current; // another thread rechecked meanwhile
    }
    BasicFileAttributes attributes = attributes();
    boolean same = current.buffer() != null && attributes != null && attributes.size() >= Long.BYTES
        && attributes.fileKey() != null && attributes.fileKey().equals(current.fileKey());
    if (same) {
      mapping = new Mapping(current.number(), current.fileKey(), current.buffer(), nanoTime.getAsLong());
      return mapping;
    }
    return replace(current);
  }

  /** Maps the file anew (creating it, or extending it to the counter's size) unless another thread did since {@code seen}. */
  private synchronized Mapping replace(Mapping seen) {
    if (mapping == seen) {
      mapping = map(seen.number() + 1);
    }
    return mapping;
  }

  private @Nullable BasicFileAttributes attributes() {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  private static @Nullable Object fileKeyOf(@Nullable BasicFileAttributes attributes) {
    return attributes == null ? null : attributes.fileKey();
  }

  private Mapping map(long number) {
    long now = nanoTime.getAsLong();
    FileAttribute<?>[] creation = ownerOnly == null ? new FileAttribute<?>[0] : new FileAttribute<?>[] {ownerOnly};
    try (FileChannel channel = FileChannel.open(file,
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE), creation)) {
      // Mapping past the end extends a new file to the counter's 8 bytes, zeros.
      MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
      return new Mapping(number, fileKeyOf(attributes()), buffer, now);
    } catch (IOException | UnsupportedOperationException e) {
      return new Mapping(number, null, null, now);
    }
  }
}
