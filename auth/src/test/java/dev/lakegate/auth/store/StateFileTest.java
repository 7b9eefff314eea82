package dev.lakegate.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server and the CLI share state files: neither may miss or overwrite the other's change. */
class StateFileTest {
  private static final String NAME = "counter.txt";
  @TempDir Path dir;

  private StateFile<Integer> counter() {
    return new StateFile<>(DataDirectory.open(dir), NAME, new CounterCodec(NAME));
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
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(NAME, ".lock");
    }
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
