package dev.lakegate.auth.store;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The directory holding the authorization server's state ({@code StandaloneConfig.dataDir()}).
 * Writes go to an owner-only temporary file that is flushed to disk and then renamed over the
 * target, so a reader in any process sees the old file or the new one, never half of one.
 * Read-modify-write sequences run under {@link #underLock}, which excludes other threads of this
 * JVM and other processes (a lock on the {@code .lock} file), so the server and the CLI never
 * lose each other's changes. Every write is also counted in the directory's {@link ChangeCounter},
 * shared by all processes through memory, so readers need a {@code stat} only when it moved.
 */
public final class DataDirectory {
  private static final String LOCK_FILE = ".lock";
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
  // A file lock is held per JVM, not per thread; the same directory opened twice in one JVM
  // (server and a test's second registry) shares this in-process lock instead.
  private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  /**
   * How long a state file goes without a {@code stat} while the {@link ChangeCounter} stands
   * still: the delay before a change that bypassed the counter (a file replaced by hand or
   * restored from a backup) is seen.
   */
  static final Duration RECHECK = Duration.ofSeconds(1);

  private final Path dir;
  private final boolean posix;
  private final ReentrantLock jvmLock;
  private final LongSupplier nanoTime;
  private final long recheckNanos;
  private final ChangeCounter changes;

  private DataDirectory(Path dir, boolean posix, Duration recheck, LongSupplier nanoTime) {
    this.dir = dir;
    this.posix = posix;
    this.jvmLock = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
    this.nanoTime = nanoTime;
    this.recheckNanos = recheck.toNanos();
    this.changes = new ChangeCounter(dir, posix ? ownerOnlyFile() : null, recheckNanos, nanoTime);
  }

  /**
   * Opens {@code dir}, creating it owner-only ({@code rwx------}) when it does not exist.
   *
   * @throws AuthStateException when it cannot be used, or when its files belong to another user
   *     ({@link #checkOwner})
   */
  public static DataDirectory open(Path dir) {
    return open(dir, RECHECK, System::nanoTime);
  }

  /** {@link #open(Path)} with another recheck interval and clock (tests). */
  static DataDirectory open(Path dir, Duration recheck, LongSupplier nanoTime) {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try {
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
          Files.createDirectories(dir);
        }
      }
      checkOwner(dir);
      return new DataDirectory(dir.toRealPath(), posix, recheck, nanoTime);
    } catch (IOException e) {
      throw new AuthStateException("cannot use data directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses {@code dir} when the files it keeps for every process ({@code .changes}, {@code .lock})
   * belong to another user than this process's, before anything is written there. The state files
   * are owner-only, so a command run as root on the server's directory, or a server started as
   * another user, would write files the other side cannot read. Who owns the directory itself
   * does not matter (a volume owned by root and writable by the server's group is fine). The
   * server calls it before it writes its logs or TLS files into the directory.
   *
   * @throws AuthStateException naming the file, its owner and this process's user
   */
  public static void checkOwner(Path dir) {
    try {
      if (!dir.getFileSystem().supportedFileAttributeViews().contains("unix")) {
        return;
      }
      long self = new UnixSystem().getUid();
      for (String name : List.of(ChangeCounter.FILE_NAME, LOCK_FILE)) {
        Path file = dir.resolve(name);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          long owner = ((Number) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
          if (owner != self) {
            throw new AuthStateException("data directory " + dir + " holds the files of user "
                + Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName() + " (uid " + owner + ", its " + name
                + "), not of this process's user " + System.getProperty("user.name") + " (uid " + self
                + "): run the server and the commands as one user, since the owner-only files written as"
                + " another could not be read by the server");
          }
        }
      }
    } catch (IOException e) {
      throw new AuthStateException("cannot use data directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The directory itself. */
  public Path path() {
    return dir;
  }

  /** The path of a state file in this directory. */
  public Path resolve(String name) {
    return dir.resolve(name);
  }

  /** True where files carry POSIX permissions, which {@link #permissions} then reports. */
  public boolean posix() {
    return posix;
  }

  /** The POSIX permissions of a state file; empty on platforms without them. */
  public Set<PosixFilePermission> permissions(String name) throws IOException {
    return posix ? Files.getPosixFilePermissions(resolve(name)) : Set.of();
  }

  /** The file's stamp, or empty when it does not exist. One {@code stat}. */
  public Optional<FileStamp> stamp(String name) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(resolve(name), BasicFileAttributes.class);
      return Optional.of(new FileStamp(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + resolve(name), e);
    }
  }

  /** The whole content of a state file, or empty when it does not exist. */
  public Optional<byte[]> read(String name) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(resolve(name)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Replaces a state file atomically: owner-only temporary file, fsync, rename, fsync of the
   * directory. Call it under {@link #underLock} when the content depends on what was read.
   */
  public void write(String name, byte[] content) throws IOException {
    Path temp = posix
        ? Files.createTempFile(dir, "." + name + ".", ".tmp", ownerOnlyFile())
        : Files.createTempFile(dir, "." + name + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory();
    changes.increment();
  }

  /**
   * The directory's change count ({@link ChangeCounter#read}): moves with every {@link #write} by
   * any process; a memory read, no system call. {@link ChangeCounter#UNKNOWN} when it cannot be
   * kept, and then every state file must be checked with a {@code stat}.
   */
  long changes() {
    return changes.read();
  }

  /** The clock {@link #recheckDue} measures with, in nanoseconds. */
  long nanoTime() {
    return nanoTime.getAsLong();
  }

  /** True once {@link #RECHECK} has passed since {@code checkedAt} (a {@link #nanoTime} reading). */
  boolean recheckDue(long checkedAt) {
    return nanoTime.getAsLong() - checkedAt >= recheckNanos;
  }

  /**
   * Runs {@code action} while holding this directory's lock, exclusive across threads and
   * processes. Re-entrant within a thread.
   */
  public <T> T underLock(LockedAction<T> action) {
    jvmLock.lock();
    try {
      if (jvmLock.getHoldCount() > 1) {
        return action.run();
      }
      try (FileChannel channel = openLockFile()) {
        channel.lock(); // released when the channel closes
        return action.run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update state in " + dir, e);
    } finally {
      jvmLock.unlock();
    }
  }

  private FileChannel openLockFile() throws IOException {
    Path lock = resolve(LOCK_FILE);
    if (posix && !Files.exists(lock)) {
      try {
        Files.createFile(lock, ownerOnlyFile());
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // Another process created it first; the lock works the same.
      }
    }
    return FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private void syncDirectory() {
    // Makes the rename itself durable; some platforms cannot open a directory, where the rename
    // is as durable as the platform allows anyway.
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not supported on this platform.
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> ownerOnlyFile() {
    return PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE);
  }

  /** Work done under the directory lock. */
  @FunctionalInterface
  public interface LockedAction<T> {
    T run() throws IOException;
  }

  @Override
  public String toString() {
    return "DataDirectory[" + dir + "]";
  }
}
