package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.lakegate.core.lake.LakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata documents are durable and whole when {@code putObject} returns, also under heavy concurrency. */
class PutObjectTest {
  @TempDir Path dir;

  private static byte[] document(int writer, int n) {
    return ("{\"writer\":" + writer + ",\"n\":" + n + ",\"pad\":\"" + "x".repeat(200) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Has {@code writers} threads, started together, put {@code each} documents apart; checks that
   * every document is stored whole and returns how long the puts took, in nanoseconds.
   */
  private long putConcurrently(FileSystemLake lake, int writers, int each) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(pool.submit(() -> {
        start.await();
        for (int n = 0; n < each; n++) {
          lake.putObject("meta/" + writer + "-" + n + ".metadata.json", document(writer, n), "application/json");
        }
        return null;
      }));
    }
    long started = System.nanoTime();
    start.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    long elapsed = System.nanoTime() - started;
    pool.shutdown();
    for (int w = 0; w < writers; w++) {
      for (int n = 0; n < each; n++) {
        assertThat(Files.readAllBytes(dir.resolve("landing/meta/" + w + "-" + n + ".metadata.json")))
            .isEqualTo(document(w, n));
      }
    }
    return elapsed;
  }

  @Test
  void concurrentPutsAreGroupCommittedAndAllComplete() throws Exception {
    int writers = 32;
    int each = 40;
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock())) {
      putConcurrently(lake, writers, each);

      assertThat(lake.groupCommits()).isLessThan((long) writers * each);
      try (Stream<Path> staging = Files.list(dir.resolve(".lakegate/staging"))) {
        assertThat(staging).isEmpty();
      }
    }
  }

  @Test
  void aLonePutterNeverWaitsForThePaceOfTheGroupCommits() throws Exception {
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock())) {
      for (int n = 0; n < 50; n++) {
        lake.putObject("meta/alone-" + n + ".metadata.json", document(0, n), "application/json");
      }

      assertThat(lake.groupCommits()).isEqualTo(50);
      assertThat(lake.pacedGroupCommits()).isZero();
    }
  }

  @Test
  void overlappingPutsStartTheirGroupCommitsAtLeastAPaceApart() throws Exception {
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock())) {
      long elapsed = putConcurrently(lake, 8, 50);

      assertThat(lake.pacedGroupCommits()).isPositive();
      // Every batch after the first overlap starts a pace after the one before; the first one or
      // two may start before the writers were seen overlapping.
      assertThat(lake.groupCommits()).isLessThanOrEqualTo(elapsed / GroupCommitter.PACE.toNanos() + 2);
    }
  }

  @Test
  void putReplacesAnExistingObject() throws Exception {
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock())) {
      lake.putObject("meta/a.json", new byte[] {1, 2, 3}, "application/json");
      lake.putObject("meta/a.json", new byte[] {4}, "application/json");

      assertThat(Files.readAllBytes(dir.resolve("landing/meta/a.json"))).containsExactly(4);
    }
  }

  @Test
  void putRefusesATraversalKey() throws Exception {
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock())) {
      assertThatThrownBy(() -> lake.putObject("../escape.json", new byte[] {1}, "application/json"))
          .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(LakeException.Reason.INVALID_KEY));
      assertThat(dir.resolve("escape.json")).doesNotExist();
    }
  }

  @Test
  void keyUnderAnExistingObjectIsABadKeyNotAServerFailure() throws Exception {
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock())) {
      lake.putObject("meta/a", new byte[] {1}, "application/json");

      assertThatThrownBy(() -> lake.putObject("meta/a/b", new byte[] {2}, "application/json"))
          .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(LakeException.Reason.INVALID_KEY));
      assertThatThrownBy(() -> lake.putObject("meta", new byte[] {3}, "application/json"))
          .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(LakeException.Reason.INVALID_KEY));
      assertThat(Files.readAllBytes(dir.resolve("landing/meta/a"))).containsExactly(1);
    }
  }

  @Test
  void putAfterCloseFailsAndStoresNothing() throws Exception {
    FileSystemLake lake = TestLake.open(dir, TestLake.clock());
    lake.close();

    assertThatThrownBy(() -> lake.putObject("meta/late.json", new byte[] {1}, "application/json"))
        .isInstanceOfSatisfying(LakeException.class, e -> assertThat(e.reason()).isEqualTo(LakeException.Reason.UNAVAILABLE));
    assertThat(dir.resolve("landing/meta/late.json")).doesNotExist();
  }

  @Test
  void staleStagingFilesAreRemovedAtStartUp() throws Exception {
    Path staging = dir.resolve(".lakegate/staging");
    Files.createDirectories(staging);
    Files.write(staging.resolve("stage-1.tmp"), new byte[] {1});

    TestLake.open(dir, TestLake.clock()).close();

    try (Stream<Path> left = Files.list(staging)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void metadataDocumentsAndUploadedObjectsAreReadableByTheOwnerOnly() throws Exception {
    assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
    byte[] body = "partner data".getBytes(StandardCharsets.UTF_8);
    try (FileSystemLake lake = TestLake.open(dir, TestLake.clock())) {
      lake.putObject("meta/a.metadata.json", document(0, 0), "application/json");
      lake.receiveObject("data/a.csv", new java.io.ByteArrayInputStream(body), body.length, TestLake.md5(body));
    }

    for (Path object : List.of(dir.resolve("landing/meta/a.metadata.json"), dir.resolve("landing/data/a.csv"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(object))).as(object.toString()).isEqualTo("rw-------");
    }
  }
}
