package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShortSliceTest {
  private static final Pattern SLICE = Pattern.compile("(?m)^se\\.slice\\s*:\\s*(\\d+)$");

  /** {@code setpriority(2)}, which on Linux sets the nice value of the calling thread alone. */
  interface Priorities extends Library {
    int setpriority(int which, int who, int prio);
  }

  @BeforeEach
  void linuxWithCustomSlices() {
    assumeThat(Platform.isLinux() && Platform.is64Bit() && (Platform.isIntel() || Platform.isARM())).isTrue();
    String[] version = System.getProperty("os.version").split("[.-]");
    int major = Integer.parseInt(version[0]);
    int minor = Integer.parseInt(version[1]);
    assumeThat(major > 6 || (major == 6 && minor >= 12)).as("custom slices since Linux 6.12").isTrue();
  }

  @Test
  void shortensTheCallingThreadsSlice() throws Exception {
    record Seen(OptionalLong returned, long before, long after) {}

    Seen seen = onNewThread(() -> {
      long before = kernelSlice();
      OptionalLong returned = ShortSlice.applyToCurrentThread();
      return new Seen(returned, before, kernelSlice());
    });

    assertThat(seen.before()).isGreaterThan(ShortSlice.SLICE.toNanos());
    assertThat(seen.after()).isEqualTo(ShortSlice.SLICE.toNanos());
    assertThat(seen.returned()).hasValue(ShortSlice.SLICE.toNanos());
  }

  @Test
  void leavesOtherThreadsWithTheirSlice() throws Exception {
    long mine = kernelSlice();

    onNewThread(ShortSlice::applyToCurrentThread);

    assertThat(kernelSlice()).isEqualTo(mine);
  }

  @Test
  void keepsTheThreadsNiceValue() throws Exception {
    int nice = onNewThread(() -> {
      Native.load("c", Priorities.class).setpriority(0, 0, 7);
      assertThat(niceValue()).isEqualTo(7);
      ShortSlice.applyToCurrentThread();
      return niceValue();
    });

    assertThat(nice).isEqualTo(7);
  }

  private static <T> T onNewThread(Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread.ofPlatform().start(() -> {
      try {
        result.complete(work.call());
      } catch (Exception | AssertionError e) {
        result.completeExceptionally(e);
      }
    }).join();
    return result.get();
  }

  /** The calling thread's slice as the kernel reports it, in nanoseconds. */
  private static long kernelSlice() throws IOException {
    Matcher m = SLICE.matcher(Files.readString(Path.of("/proc/thread-self/sched")));
    assumeThat(m.find()).as("the kernel reports se.slice").isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The calling thread's nice value: field 19 of its stat line, counted after the command's closing parenthesis. */
  private static int niceValue() throws IOException {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[16]);
  }
}
