package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DirectorySyncTest {
  private static final Path DIR = Path.of("bucket");

  private final ExecutorService callers = Executors.newCachedThreadPool();
  private final AtomicInteger forces = new AtomicInteger();
  private final CountDownLatch firstForceStarted = new CountDownLatch(1);
  private final CountDownLatch releaseFirstForce = new CountDownLatch(1);

  @AfterEach
  void stopCallers() {
    releaseFirstForce.countDown();
    callers.shutdownNow();
  }

  /** A force that blocks the first call until released, and counts every call. */
  private void force(Path dir) throws IOException {
    if (forces.incrementAndGet() == 1) {
      firstForceStarted.countDown();
      try {
        releaseFirstForce.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
    }
  }

  @Test
  void callersWaitingBehindARunningSyncShareTheNextOne() throws Exception {
    DirectorySync sync = new DirectorySync(this::force);
    Future<?> first = callers.submit(() -> { sync.sync(DIR); return null; });
    assertThat(firstForceStarted.await(10, TimeUnit.SECONDS)).isTrue();
    List<Future<?>> queued = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      queued.add(callers.submit(() -> { sync.sync(DIR); return null; }));
    }
    awaitQueued(sync, 9);
    releaseFirstForce.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (Future<?> f : queued) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertThat(forces).hasValue(2);
  }

  @Test
  void callerIsNotReleasedByASyncThatStartedBeforeItAsked() throws Exception {
    DirectorySync sync = new DirectorySync(this::force);
    Future<?> first = callers.submit(() -> { sync.sync(DIR); return null; });
    assertThat(firstForceStarted.await(10, TimeUnit.SECONDS)).isTrue();
    Future<?> second = callers.submit(() -> { sync.sync(DIR); return null; });
    awaitQueued(sync, 2);
    assertThat(second.isDone()).isFalse();
    releaseFirstForce.countDown();
    second.get(10, TimeUnit.SECONDS);
    first.get(10, TimeUnit.SECONDS);
    // The first sync started before the second caller asked, so a second one had to run for it.
    assertThat(forces).hasValue(2);
  }

  @Test
  void failedSyncFailsItsCallerAndTheNextCallerSyncsAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    DirectorySync sync = new DirectorySync(dir -> {
      if (calls.incrementAndGet() == 1) {
        throw new IOException("device error");
      }
    });
    assertThatThrownBy(() -> sync.sync(DIR)).isInstanceOf(IOException.class).hasMessage("device error");
    sync.sync(DIR);
    assertThat(calls).hasValue(2);
  }

  @Test
  void eachDirectoryIsSyncedOnItsOwn() throws Exception {
    List<Path> synced = new ArrayList<>();
    DirectorySync sync = new DirectorySync(synced::add);
    sync.sync(Path.of("a"));
    sync.sync(Path.of("b"));
    sync.sync(Path.of("a"));
    assertThat(synced).containsExactly(Path.of("a"), Path.of("b"), Path.of("a"));
  }

  private static void awaitQueued(DirectorySync sync, int callers) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sync.waiting(DIR) < callers && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(sync.waiting(DIR)).isEqualTo(callers);
  }
}
