package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointerTest {
  @TempDir Path dir;

  static Stream<Arguments> flushes() {
    return Stream.of(
        Arguments.of("one file system flush", FileSystemSync.open().<Checkpointer.FileSystemFlush>map(s -> s::sync)),
        Arguments.of("one fsync per file", Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flushes")
  void retiredSegmentIsDeletedOnceItsFilesAreFlushed(String how, Optional<Checkpointer.FileSystemFlush> sync)
      throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    Path segment = Files.write(journal.resolve("segment-1.log"), new byte[] {1, 2, 3});
    Path a = Files.writeString(Files.createDirectories(dir.resolve("bucket/x")).resolve("a"), "a");
    Path b = Files.writeString(dir.resolve("bucket/b"), "b");
    Path gone = dir.resolve("bucket/replaced-since");

    Checkpointer checkpointer = new Checkpointer(journal, "test", sync);
    checkpointer.retire(segment, List.of(a, b, gone, a));
    checkpointer.close();

    assertThat(segment).doesNotExist();
    assertThat(a).hasContent("a");
    assertThat(b).hasContent("b");
  }

  @Test
  void flushesTheFileSystemWhenRecordsWereAppendedThoughNoSegmentClosed() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    List<Path> flushed = new CopyOnWriteArrayList<>();
    CountDownLatch first = new CountDownLatch(1);

    try (Checkpointer checkpointer = new Checkpointer(journal, "test", Optional.of(path -> {
      flushed.add(path);
      first.countDown();
    }))) {
      checkpointer.appended();

      assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(flushed).first().isEqualTo(journal);
    }
  }

  @Test
  void segmentClosedDuringAFlushIsDeletedOnlyAfterTheNextFlush() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    Path segment = Files.write(journal.resolve("segment-1.log"), new byte[] {1});
    CountDownLatch inFirst = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    List<Boolean> segmentThereAtFlush = new CopyOnWriteArrayList<>();

    Checkpointer checkpointer = new Checkpointer(journal, "test", Optional.of(path -> {
      segmentThereAtFlush.add(Files.exists(segment));
      if (segmentThereAtFlush.size() == 1) {
        inFirst.countDown();
        awaitQuietly(releaseFirst);
      }
    }));
    checkpointer.appended();
    assertThat(inFirst.await(10, TimeUnit.SECONDS)).isTrue();
    checkpointer.retire(segment, List.of());
    releaseFirst.countDown();
    checkpointer.close();

    assertThat(segmentThereAtFlush).containsExactly(true, true);
    assertThat(segment).doesNotExist();
  }

  @Test
  void segmentWhoseFlushFailedIsRetiredByTheNextFlush() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    Path segment = Files.write(journal.resolve("segment-1.log"), new byte[] {1});
    List<Boolean> segmentThereAtFlush = new CopyOnWriteArrayList<>();

    Checkpointer checkpointer = new Checkpointer(journal, "test", Optional.of(path -> {
      segmentThereAtFlush.add(Files.exists(segment));
      if (segmentThereAtFlush.size() == 1) {
        throw new IOException("device error");
      }
    }));
    checkpointer.retire(segment, List.of());
    checkpointer.close();

    assertThat(segmentThereAtFlush).containsExactly(true, true);
    assertThat(segment).doesNotExist();
  }

  @Test
  void awaitedFlushIsOneThatBeganAfterTheCallNotOneAlreadyRunning() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    FirstFlushHeld flush = new FirstFlushHeld();

    try (Checkpointer checkpointer = new Checkpointer(journal, "test", Optional.of(flush))) {
      checkpointer.appended();
      assertThat(flush.inFirst.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Integer> endedAtReturn = CompletableFuture.supplyAsync(() -> {
        try {
          checkpointer.awaitFlush();
          return flush.ended.get();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      // The caller arrived while the first flush ran: that flush may miss what it wrote.
      flush.releaseFirst.countDown();

      assertThat(endedAtReturn.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }
  }

  @Test
  void awaitedFlushThatFailsIsReportedToTheCaller() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));

    try (Checkpointer checkpointer = new Checkpointer(journal, "test", Optional.of(path -> {
      throw new IOException("device error");
    }))) {
      assertThatThrownBy(checkpointer::awaitFlush).isInstanceOf(IOException.class).hasMessage("device error");
    }
  }

  @Test
  void awaitingAFlushAfterCloseIsRefused() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    Checkpointer checkpointer = new Checkpointer(journal, "test", Optional.of(path -> { }));
    checkpointer.close();

    assertThatThrownBy(checkpointer::awaitFlush).isInstanceOf(IOException.class).hasMessageContaining("closed");
  }

  @Test
  void awaitingAFlushWithoutAFileSystemFlushIsAProgrammingError() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    try (Checkpointer checkpointer = new Checkpointer(journal, "test", Optional.empty())) {
      assertThat(checkpointer.flushesFileSystem()).isFalse();
      assertThatThrownBy(checkpointer::awaitFlush).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void moveRunsAfterAFlushThatBeganAfterTheCallAndReturnsAfterTheFlushFollowingIt() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicInteger begun = new AtomicInteger();

    try (Checkpointer checkpointer = new Checkpointer(journal, "test", Optional.of(path -> {
      events.add("flush " + begun.incrementAndGet() + " began");
      events.add("flush " + begun.get() + " ended");
    }))) {
      events.add("called");
      checkpointer.moveBetweenFlushes(() -> events.add("moved"));
      events.add("returned");
    }

    assertThat(events).containsSubsequence("called", "flush 1 began", "flush 1 ended", "moved", "flush 2 began",
        "flush 2 ended", "returned");
  }

  @Test
  void moveThatThrowsFailsOnlyItsOwnCaller() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    FirstFlushHeld flush = new FirstFlushHeld();
    List<String> moved = new CopyOnWriteArrayList<>();

    try (Checkpointer checkpointer = new Checkpointer(journal, "test", Optional.of(flush))) {
      checkpointer.appended();
      assertThat(flush.inFirst.await(10, TimeUnit.SECONDS)).isTrue();
      // Both queued while the first flush runs, so the same flush comes before both moves.
      CompletableFuture<Void> failing = CompletableFuture.runAsync(() -> moveQuietly(checkpointer, () -> {
        throw new PathConflictException("a prefix of the key is an object");
      }));
      CompletableFuture<Void> succeeding = CompletableFuture.runAsync(() -> moveQuietly(checkpointer, () -> moved.add("b")));
      waitUntilQueued(checkpointer, 2);
      flush.releaseFirst.countDown();

      assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).cause().cause()
          .isInstanceOf(PathConflictException.class);
      succeeding.get(10, TimeUnit.SECONDS);
      assertThat(moved).containsExactly("b");
    }
  }

  @Test
  void moveIsNotRunWhenTheFlushBeforeItFails() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    List<String> moved = new CopyOnWriteArrayList<>();

    try (Checkpointer checkpointer = new Checkpointer(journal, "test", Optional.of(path -> {
      throw new IOException("device error");
    }))) {
      assertThatThrownBy(() -> checkpointer.moveBetweenFlushes(() -> moved.add("a")))
          .isInstanceOf(IOException.class).hasMessage("device error");
      assertThat(moved).isEmpty();
    }
  }

  @Test
  void moveWhoseFollowingFlushFailsIsReportedToTheCaller() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    AtomicInteger flushes = new AtomicInteger();

    try (Checkpointer checkpointer = new Checkpointer(journal, "test", Optional.of(path -> {
      if (flushes.incrementAndGet() == 2) {
        throw new IOException("device error on the second flush");
      }
    }))) {
      assertThatThrownBy(() -> checkpointer.moveBetweenFlushes(() -> { }))
          .isInstanceOf(IOException.class).hasMessage("device error on the second flush");
    }
  }

  @Test
  void movingAfterCloseIsRefused() throws Exception {
    Path journal = Files.createDirectories(dir.resolve("journal"));
    Checkpointer checkpointer = new Checkpointer(journal, "test", Optional.of(path -> { }));
    checkpointer.close();

    assertThatThrownBy(() -> checkpointer.moveBetweenFlushes(() -> { }))
        .isInstanceOf(IOException.class).hasMessageContaining("closed");
  }

  /** A file system flush whose first call waits until released; it counts the calls that ended. */
  private static final class FirstFlushHeld implements Checkpointer.FileSystemFlush {
    final CountDownLatch inFirst = new CountDownLatch(1);
    final CountDownLatch releaseFirst = new CountDownLatch(1);
    final AtomicInteger ended = new AtomicInteger();

    @Override
    public void sync(Path path) {
      if (inFirst.getCount() > 0) {
        inFirst.countDown();
        awaitQuietly(releaseFirst);
      }
      ended.incrementAndGet();
    }
  }

  private static void moveQuietly(Checkpointer checkpointer, Checkpointer.Move move) {
    try {
      checkpointer.moveBetweenFlushes(move);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void waitUntilQueued(Checkpointer checkpointer, int moves) throws InterruptedException {
    for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); checkpointer.queuedMoves() < moves; ) {
      assertThat(System.nanoTime()).isLessThan(end);
      Thread.sleep(1);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void fileSystemFlushIsAvailableOnLinux() {
    assumeThat(Platform.isLinux()).isTrue();

    assertThat(FileSystemSync.open()).isPresent();
  }

  @Test
  void fileSystemFlushOfAMissingPathFailsWithItsErrno() {
    Optional<FileSystemSync> sync = FileSystemSync.open();
    assumeThat(sync).isPresent();

    assertThatThrownBy(() -> sync.orElseThrow().sync(dir.resolve("missing")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("errno 2");
  }
}
