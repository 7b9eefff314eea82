package dev.lakegate.lake.local;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.Optional;

/**
 * The Linux C library calls the lake makes where Java has none ({@link FileSystemSync}, {@link
 * PageCacheRelease}), bound by JNA once for the process.
 */
interface LinuxLibC extends Library {
  int O_RDONLY = 0;
  int O_CLOEXEC = 0x80000;
  /** {@code <fcntl.h>}: 4 on every Linux architecture but s390x, where it is 6. */
  int POSIX_FADV_DONTNEED = "s390x".equals(Platform.ARCH) ? 6 : 4;

  /** The library, or empty where there is none to bind (not Linux, no libc). */
  Optional<LinuxLibC> INSTANCE = Loader.load();

  int open(String path, int flags) throws LastErrorException;

  int syncfs(int fd) throws LastErrorException;

  /** Returns an error number rather than setting errno. */
  int posix_fadvise(int fd, long offset, long length, int advice);

  int close(int fd) throws LastErrorException;

  /** Closes a descriptor that was only read from or advised on, which has nothing to lose on close. */
  default void closeQuietly(int fd) {
    try {
      close(fd);
    } catch (LastErrorException e) {
      // Nothing was written through it: no error of close can mean lost data.
    }
  }

  /** Binds the library where there is one. */
  final class Loader {
    private Loader() {}

    static Optional<LinuxLibC> load() {
      if (!Platform.isLinux()) {
        return Optional.empty();
      }
      try {
        return Optional.of(Native.load("c", LinuxLibC.class));
      } catch (LinkageError e) {
        return Optional.empty();
      }
    }
  }
}
