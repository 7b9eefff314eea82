package dev.lakegate.bench.baseline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What creating a small file costs on the disk under test at this moment, set beside the same on a
 * memory file system of the same kernel ({@code /dev/shm}, tmpfs) as this machine's yardstick: each
 * file created, written with 1 KiB and renamed into another directory, as the lake places a
 * metadata document. On ext4 without a journal, for minutes after many files were deleted, a new
 * file's inode is found only past the recently freed ones, and a file costs ten times what it does
 * otherwise; scenarios 2 and 3, which create a file per request, then measure that and not the
 * server. The files on the disk stay in a scratch directory there, for the caller's run to remove
 * at its end (deleting them here would add to what is measured); those on tmpfs are deleted at once.
 */
public final class FileCreationCost {
  /** Files created on each file system per measurement. */
  static final int FILES = 2_000;
  /** Files created first, uncounted, so that the loop is compiled before it is timed. */
  static final int WARM_UP_FILES = 500;
  /**
   * From this many times tmpfs's cost on, the disk is taken to be in that state: on the benchmark
   * machine 1.4–1.6 otherwise, 8–20 in the minutes after thousands to a million files were deleted.
   */
  public static final double SLOW_RATIO = 4;
  private static final Path MEMORY = Path.of("/dev/shm");
  private static final Set<StandardOpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  private FileCreationCost() {}

  /**
   * Microseconds a file on the disk, and on tmpfs where there is one; of the thread's CPU where the
   * JVM measures it ({@code cpu}), else of the clock.
   */
  public record Cost(double diskMicros, OptionalDouble memoryMicros, boolean cpu) {
    /** How many times tmpfs's cost a file on the disk costs; empty without tmpfs. */
    public OptionalDouble ratio() {
      return memoryMicros.isPresent() ? OptionalDouble.of(diskMicros / memoryMicros.getAsDouble()) : OptionalDouble.empty();
    }

    /** Whether the disk creates files {@link #SLOW_RATIO} times dearer than tmpfs or more. */
    public boolean slow() {
      return ratio().isPresent() && ratio().getAsDouble() >= SLOW_RATIO;
    }

    /** One line: the cost a file, and the ratio to tmpfs where there is one. */
    public String describe() {
      String line = String.format(Locale.ROOT, "file creation in the work directory: %.1f µs%s a file (create, write 1 KiB, rename)",
          diskMicros, cpu ? " of CPU" : "");
      return ratio().isPresent()
          ? line + String.format(Locale.ROOT, ", %.2f × tmpfs's %.1f µs", ratio().getAsDouble(), memoryMicros.getAsDouble())
          : line + " (no tmpfs to compare with)";
    }
  }

  /** Measures {@link #FILES} files in a new scratch directory under {@code directory}, and as many on tmpfs. */
  public static Cost measure(Path directory) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    Optional<Path> memory = memoryFileSystem();
    Path scratch = Files.createTempDirectory(directory, "file-creation-");
    if (memory.isPresent()) {
      Path warm = Files.createTempDirectory(memory.get(), "lakegate-bench-");
      try {
        createFiles(warm, WARM_UP_FILES, threads, cpu);
      } finally {
        deleteCreated(warm, WARM_UP_FILES);
      }
    } else {
      createFiles(Files.createDirectory(scratch.resolve("warm-up")), WARM_UP_FILES, threads, cpu);
    }
    double disk = createFiles(Files.createDirectory(scratch.resolve("timed")), FILES, threads, cpu);
    OptionalDouble onMemory = OptionalDouble.empty();
    if (memory.isPresent()) {
      Path timed = Files.createTempDirectory(memory.get(), "lakegate-bench-");
      try {
        onMemory = OptionalDouble.of(createFiles(timed, FILES, threads, cpu));
      } finally {
        deleteCreated(timed, FILES);
      }
    }
    return new Cost(disk, onMemory, cpu);
  }

  /** {@code /dev/shm} where it is a writable tmpfs directory. */
  private static Optional<Path> memoryFileSystem() {
    if (!Files.isDirectory(MEMORY) || !Files.isWritable(MEMORY)) {
      return Optional.empty();
    }
    try {
      FileStore store = Files.getFileStore(MEMORY);
      return store.type().equals("tmpfs") ? Optional.of(MEMORY) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Creates {@code count} files in {@code dir}, each renamed into a sibling; returns µs a file. */
  private static double createFiles(Path dir, int count, ThreadMXBean threads, boolean cpu) throws IOException {
    Path staging = Files.createDirectory(dir.resolve("staging"));
    Path placed = Files.createDirectory(dir.resolve("placed"));
    ByteBuffer content = ByteBuffer.allocate(1024);
    long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    for (int i = 0; i < count; i++) {
      Path file = staging.resolve("f" + i);
      try (FileChannel out = FileChannel.open(file, CREATE_NEW)) {
        out.write(content.clear());
      }
      Files.move(file, placed.resolve("f" + i), StandardCopyOption.ATOMIC_MOVE);
    }
    long spent = (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start;
    return spent / 1e3 / count;
  }

  /** Deletes what {@link #createFiles} made in {@code dir}, and {@code dir}. */
  private static void deleteCreated(Path dir, int count) throws IOException {
    Path placed = dir.resolve("placed");
    for (int i = 0; i < count; i++) {
      Files.deleteIfExists(placed.resolve("f" + i));
      Files.deleteIfExists(dir.resolve("staging").resolve("f" + i));
    }
    Files.deleteIfExists(placed);
    Files.deleteIfExists(dir.resolve("staging"));
    Files.delete(dir);
  }
}
