package dev.lakegate.auth.store;

import java.nio.file.Path;

/** Run in a child JVM by {@link CrossProcessLockTest}: increments a counter file N times. */
public final class CounterProcess {
  private CounterProcess() {}

  public static void main(String[] args) {
    StateFile<Integer> counter = new StateFile<>(DataDirectory.open(Path.of(args[0])), args[1], new CounterCodec(args[1]));
    int times = Integer.parseInt(args[2]);
    for (int i = 0; i < times; i++) {
      counter.update(n -> n + 1);
    }
  }
}
