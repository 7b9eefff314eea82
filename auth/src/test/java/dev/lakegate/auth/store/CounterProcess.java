package dev.lakegate.auth.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Run in a child JVM by {@link CrossProcessLockTest}: increments a counter file N times. */
public final class CounterProcess {
  private CounterProcess() {}

  /** Starts this class in a child JVM on the test's class path, its output and errors in one stream. */
  static Process start(Path dir, String name, int times) throws IOException {
    String javaCommand = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(List.of(javaCommand, "-cp", System.getProperty("java.class.path"),
        CounterProcess.class.getName(), dir.toString(), name, String.valueOf(times)))
        .redirectErrorStream(true)
        .start();
  }

  public static void main(String[] args) {
    StateFile<Integer> counter = new StateFile<>(DataDirectory.open(Path.of(args[0])), args[1], new CounterCodec(args[1]));
    int times = Integer.parseInt(args[2]);
    for (int i = 0; i < times; i++) {
      counter.update(n -> n + 1);
    }
  }
}
