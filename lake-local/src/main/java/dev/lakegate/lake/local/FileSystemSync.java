package dev.lakegate.lake.local;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Flushes a whole file system in one call: when {@link #sync} returns, everything written to the
 * file system before it, file contents and directory entries alike, is on the device. This is
 * Linux's {@code syncfs(2)}, reached through JNA because Java has no call for it; where it is not
 * available, {@link #open} says so and the caller fsyncs file by file instead. One call replaces
 * thousands of fsyncs when the {@link Checkpointer} retires a journal segment of small objects.
 */
final class FileSystemSync {
  private final LinuxLibC libc;

  private FileSystemSync(LinuxLibC libc) {
    this.libc = libc;
  }

  /** The file system flush of this platform, or empty where there is none (not Linux, no libc). */
  static Optional<FileSystemSync> open() {
    return LinuxLibC.INSTANCE.map(FileSystemSync::new);
  }

  /** Flushes the file system holding {@code path} to its device. */
  void sync(Path path) throws IOException {
    int fd;
    try {
      fd = libc.open(path.toString(), LinuxLibC.O_RDONLY | LinuxLibC.O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new IOException("cannot open " + path + " to flush its file system: errno " + e.getErrorCode(), e);
    }
    try {
      libc.syncfs(fd);
    } catch (LastErrorException e) {
      throw new IOException("flushing the file system of " + path + " failed: errno " + e.getErrorCode(), e);
    } finally {
      libc.closeQuietly(fd);
    }
  }
}
