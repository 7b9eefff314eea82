package dev.lakegate.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server and the CLI share state files: neither may miss or overwrite the other's change. */
class StateFileTest {
  private static final String NAME = "counter.txt";
  @TempDir Path dir;

  private final AtomicLong nanoTime = new AtomicLong();

  private StateFile<Integer> counter() {
    return new StateFile<>(DataDirectory.open(dir), NAME, new CounterCodec(NAME));
  }

  /** A reader whose clock moves only when the test moves it, rechecking once a second of it. */
  private StateFile<Integer> readerOnTestClock() {
    return new StateFile<>(DataDirectory.open(dir, Duration.ofSeconds(1), nanoTime::get), NAME, new CounterCodec(NAME));
  }

  /** Replaces the file the way a restore from a backup would: without the directory's change count. */
  private void replaceByHand(int value) throws Exception {
    Path temp = Files.writeString(dir.resolve("restored.tmp"), Integer.toString(value));
    Files.move(temp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void absentFileReadsAsEmpty() {
    assertThat(counter().current()).isZero();
  }

  @Test
  void changeThroughAnotherInstanceIsSeenOnTheNextCall() {
    StateFile<Integer> server = counter();
    assertThat(server.current()).isZero();

    counter().update(n -> 7);
    assertThat(server.current()).isEqualTo(7);

    // Same size, written right after: the rename gives a new file identity all the same.
    counter().update(n -> 8);
    assertThat(server.current()).isEqualTo(8);
  }

  @Test
  void changeByAnotherProcessIsSeenOnTheNextCallWithoutWaitingForARecheck() throws Exception {
    StateFile<Integer> server = readerOnTestClock();
    assertThat(server.current()).isZero();

    Process cli = CounterProcess.start(dir, NAME, 1);
    assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.exitValue()).isZero();

    // The test clock has not moved: only the change count tells the server.
    assertThat(server.current()).isEqualTo(1);
  }

  @Test
  void fileReplacedWithoutTheChangeCountIsSeenOnceTheRecheckIntervalPassed() throws Exception {
    StateFile<Integer> server = readerOnTestClock();
    counter().update(n -> 1);
    assertThat(server.current()).isEqualTo(1);

    replaceByHand(2);
    nanoTime.addAndGet(Duration.ofMillis(999).toNanos());
    assertThat(server.current()).isEqualTo(1);

    nanoTime.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(server.current()).isEqualTo(2);
  }

  @Test
  void deletedChangeCountFileIsFollowedToItsNewFile() throws Exception {
    StateFile<Integer> server = readerOnTestClock();
    Files.delete(dir.resolve(".changes"));
    counter().update(n -> 1);

    nanoTime.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(server.current()).isEqualTo(1);

    // Now counted in the new file, which the server maps: seen at once.
    counter().update(n -> 2);
    assertThat(server.current()).isEqualTo(2);
  }

  @Test
  void changeCountFileCutShortFailsNoCallAndCountsAgain() throws Exception {
    StateFile<Integer> server = readerOnTestClock();
    counter().update(n -> 1);
    assertThat(server.current()).isEqualTo(1);

    try (FileChannel changes = FileChannel.open(dir.resolve(".changes"), StandardOpenOption.WRITE)) {
      changes.truncate(0);
    }
    replaceByHand(2);

    assertThat(server.current()).isEqualTo(2);
    counter().update(n -> 3);
    assertThat(server.current()).isEqualTo(3);
  }

  @Test
  void withoutAChangeCountEveryCallTakesAStat() throws Exception {
    Files.createDirectory(dir.resolve(".changes"));
    StateFile<Integer> server = readerOnTestClock();
    assertThat(server.current()).isZero();

    replaceByHand(3);

    assertThat(server.current()).isEqualTo(3);
  }

  @Test
  void unchangedContentIsNotWrittenAgain() throws Exception {
    StateFile<Integer> file = counter();
    file.update(n -> 3);
    var before = Files.readAttributes(dir.resolve(NAME), java.nio.file.attribute.BasicFileAttributes.class).fileKey();

    file.update(n -> n);

    assertThat(Files.readAttributes(dir.resolve(NAME), java.nio.file.attribute.BasicFileAttributes.class).fileKey())
        .isEqualTo(before);
  }

  @Test
  void concurrentUpdatesFromTwoInstancesLoseNothing() throws Exception {
    StateFile<Integer> first = counter();
    StateFile<Integer> second = counter();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        StateFile<Integer> file = i % 2 == 0 ? first : second;
        done.add(pool.submit(() -> file.update(n -> n + 1)));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(first.current()).isEqualTo(100);
    assertThat(second.current()).isEqualTo(100);
  }

  @Test
  void writtenFileIsOwnerOnlyAndLeavesNoTemporaryFile() throws Exception {
    counter().update(n -> 1);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(NAME)))).isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(NAME, ".lock", ".changes");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".changes")))).isEqualTo("rw-------");
  }

  @Test
  void damagedFileIsAClearErrorAndIsLeftAsItIs() throws Exception {
    Files.writeString(dir.resolve(NAME), "not a number");

    assertThatThrownBy(this::counter).isInstanceOf(AuthStateException.class).hasMessageContaining(NAME);
    assertThat(Files.readString(dir.resolve(NAME))).isEqualTo("not a number");
  }

  @Test
  void createsAMissingDataDirectoryOwnerOnly() throws Exception {
    Path nested = dir.resolve("new-data");

    DataDirectory.open(nested);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
  }
}
