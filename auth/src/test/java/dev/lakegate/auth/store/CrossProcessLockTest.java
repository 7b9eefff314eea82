package dev.lakegate.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI changes state files while the server runs, from another process: the directory lock
 * must serialize their read-modify-write cycles, or one side's change is silently lost.
 */
class CrossProcessLockTest {
  private static final String NAME = "counter.txt";
  private static final int EACH = 200;
  @TempDir Path dir;

  @Test
  void updatesFromTwoProcessesAtOnceLoseNothing() throws Exception {
    Process child = CounterProcess.start(dir, NAME, EACH);
    StateFile<Integer> counter = new StateFile<>(DataDirectory.open(dir), NAME, new CounterCodec(NAME));
    // Updates for as long as the child lives, so the two surely overlap.
    int mine = 0;
    while (child.isAlive()) {
      counter.update(n -> n + 1);
      mine++;
    }

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    assertThat(child.exitValue()).isZero();
    assertThat(counter.current()).isEqualTo(mine + EACH);
  }
}
