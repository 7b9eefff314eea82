package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake tells its observer how long each journal flush and file system flush took. */
class FlushObserverTest {
  private static final Duration SLOW_FLUSH = Duration.ofMillis(30);

  @TempDir Path dir;

  /** Records what it is told. */
  private static final class Recorder {
    final List<Long> journal = new CopyOnWriteArrayList<>();
    final List<Long> fileSystem = new CopyOnWriteArrayList<>();

    FlushObserver observer() {
      return new FlushObserver(journal::add, fileSystem::add);
    }
  }

  @Test
  void everyGroupCommitIsTimed() throws Exception {
    Recorder recorder = new Recorder();
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock())) {
      lake.observeFlushes(recorder.observer());
      for (int i = 0; i < 3; i++) {
        lake.putObject("meta/" + i + ".metadata.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
      }

      // One writer after the other: a commit each, each timed before its writer returned.
      assertThat(recorder.journal).hasSize(3).allSatisfy(nanos -> assertThat(nanos).isPositive());
      assertThat(lake.groupCommits()).isEqualTo(3);
    }
  }

  @Test
  void aFileSystemFlushIsTimedWithWhatItWaitedFor() throws Exception {
    Recorder recorder = new Recorder();
    Checkpointer.FileSystemFlush slow = path -> sleep(SLOW_FLUSH);
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock(), Optional.of(slow))) {
      lake.observeFlushes(recorder.observer());
      lake.putObject("meta/a.metadata.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");

      // The document's segment is written back by the next file system flush, after the commit.
      awaitFileSystemFlush(recorder);
      assertThat(recorder.fileSystem.get(0)).isGreaterThanOrEqualTo(SLOW_FLUSH.toNanos());
    }
  }

  @Test
  void aFailedFileSystemFlushIsNotTimed() throws Exception {
    Recorder recorder = new Recorder();
    AtomicBoolean failing = new AtomicBoolean(true);
    AtomicInteger tried = new AtomicInteger();
    Checkpointer.FileSystemFlush failingOnce = path -> {
      tried.incrementAndGet();
      if (failing.getAndSet(false)) {
        throw new IOException("the disk is gone");
      }
    };
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock(), Optional.of(failingOnce))) {
      lake.observeFlushes(recorder.observer());
      lake.putObject("meta/a.metadata.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
      for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); tried.get() == 0; ) {
        assertThat(System.nanoTime()).as("the first flush was tried").isLessThan(end);
        Thread.sleep(5);
      }
      lake.putObject("meta/b.metadata.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
      awaitFileSystemFlush(recorder);

      // Two flushes, one for each document's commit; only the second, which succeeded, was timed.
      assertThat(tried.get()).isEqualTo(2);
      assertThat(recorder.fileSystem).hasSize(1);
    }
  }

  @Test
  void anObserverThatThrowsFailsNoWriteAndStopsNoFlush() throws Exception {
    LongConsumer throwing = nanos -> {
      throw new IllegalStateException("a broken meter");
    };
    FlushObserver broken = new FlushObserver(throwing, throwing);
    AtomicInteger flushes = new AtomicInteger();
    Checkpointer.FileSystemFlush counting = path -> flushes.incrementAndGet();
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock(), Optional.of(counting))) {
      lake.observeFlushes(broken);
      for (int i = 0; i < 2; i++) {
        lake.putObject("meta/" + i + ".metadata.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        // Each document's commit is followed by a file system flush: the flushing thread lives on.
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); flushes.get() <= i; ) {
          assertThat(System.nanoTime()).as("file system flush %d", i + 1).isLessThan(end);
          Thread.sleep(5);
        }
      }

      assertThat(lake.groupCommits()).isEqualTo(2);
      assertThat(dir.resolve("landing/meta/1.metadata.json")).hasContent("{}");
    }
  }

  private static void awaitFileSystemFlush(Recorder recorder) throws InterruptedException {
    for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); recorder.fileSystem.isEmpty(); ) {
      assertThat(System.nanoTime()).as("a file system flush was timed").isLessThan(end);
      Thread.sleep(5);
    }
  }

  private static void sleep(Duration duration) throws IOException {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
