package dev.lakegate.lake.local;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Structure;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Asks Linux to schedule the calling thread with a short time slice ({@code sched_setattr(2)}'s
 * {@code sched_runtime}, which the fair scheduler takes as the slice since Linux 6.12): woken, it
 * then runs ahead of threads that hold the long default slice, instead of queueing behind them.
 * For the lake's few threads that many requests wait on and that need little CPU each time they
 * wake (the file system flusher, the journal's group commit, the batched MD5): under load, the
 * request threads kept them waiting for a core for about two fifths of their time. Needs no
 * privilege (the thread's priority and policy stay as they are), and where the call or the kernel
 * is missing the thread simply keeps its default slice. Reached through JNA because Java has no
 * call for it.
 */
final class ShortSlice {
  /** The shortest slice the kernel accepts. */
  static final Duration SLICE = Duration.ofNanos(100_000);

  /** The system call numbers of {@code sched_setattr} and {@code sched_getattr}, by architecture. */
  private record Calls(long set, long get) {}

  /** The one libc call used, bound by JNA. */
  interface LibC extends Library {
    long syscall(long number, Object... args) throws LastErrorException;
  }

  /** {@code struct sched_attr} as of its first extension (56 bytes). */
  @Structure.FieldOrder({"size", "policy", "flags", "nice", "priority", "runtime", "deadline", "period",
      "utilMin", "utilMax"})
  public static final class SchedAttr extends Structure {
    public int size;
    public int policy;
    public long flags;
    public int nice;
    public int priority;
    public long runtime;
    public long deadline;
    public long period;
    public int utilMin;
    public int utilMax;
  }

  private static final int SCHED_OTHER = 0;
  private static final int SCHED_BATCH = 3;

  private ShortSlice() {}

  /**
   * Gives the calling thread the {@link #SLICE}, if it runs under the fair scheduler on Linux.
   *
   * @return the slice the thread has now, in nanoseconds; empty where it could not be read or set
   */
  static OptionalLong applyToCurrentThread() {
    Optional<Calls> found = calls();
    if (found.isEmpty()) {
      return OptionalLong.empty();
    }
    Calls calls = found.get();
    try {
      LibC libc = Native.load("c", LibC.class);
      SchedAttr attr = new SchedAttr();
      // Read first and write back all but the slice, so nice value and policy stay as they were.
      libc.syscall(calls.get(), 0, attr.getPointer(), attr.size(), 0);
      attr.read();
      if (attr.policy != SCHED_OTHER && attr.policy != SCHED_BATCH) {
        return OptionalLong.empty();
      }
      attr.size = attr.size();
      attr.flags = 0;
      attr.runtime = SLICE.toNanos();
      attr.write();
      libc.syscall(calls.set(), 0, attr.getPointer(), 0);
      SchedAttr now = new SchedAttr();
      libc.syscall(calls.get(), 0, now.getPointer(), now.size(), 0);
      now.read();
      return OptionalLong.of(now.runtime);
    } catch (LastErrorException | LinkageError e) {
      // An older kernel, a sandbox refusing the call, no libc: the default slice is correct too.
      return OptionalLong.empty();
    }
  }

  private static Optional<Calls> calls() {
    if (!Platform.isLinux() || !Platform.is64Bit()) {
      return Optional.empty();
    }
    if (Platform.isIntel()) {
      return Optional.of(new Calls(314, 315));
    }
    return Platform.isARM() ? Optional.of(new Calls(274, 275)) : Optional.empty();
  }
}
