package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A batched digest that belonged to another body, or that hashed a buffer already reused, would
 * let a corrupted upload in under a matching {@code Content-MD5}: every digest must be its own
 * body's, as the body was when it was submitted.
 */
class BatchedMd5Test {
  private final BatchedMd5 md5 = BatchedMd5.shared().orElseThrow(
      () -> new AssertionError("the tests run with jdk.incubator.vector on a CPU of 8 lanes or more"));

  @Test
  void concurrentBodiesOfManySizesEachGetTheirOwnDigest() throws Exception {
    TestLake.awaitBatchedMd5();
    long before = md5.hashedInLanes();
    ExecutorService threads = Executors.newFixedThreadPool(24);
    try {
      List<Callable<Boolean>> uploads = new ArrayList<>();
      for (int t = 0; t < 24; t++) {
        SplittableRandom random = new SplittableRandom(t);
        uploads.add(() -> {
          ByteBuffer reused = ByteBuffer.allocateDirect(BatchedMd5.MAX_BODY_BYTES);
          for (int i = 0; i < 60; i++) {
            byte[] body = new byte[random.nextInt(0, BatchedMd5.MAX_BODY_BYTES + 1)];
            random.nextBytes(body);
            reused.clear().put(body).flip();
            PendingMd5 digest = md5.submit(reused, body.length);
            // Overwritten at once, as the staging area reuses its buffers once the write is done.
            reused.clear().put(new byte[body.length]);
            if (i % 5 == 0) {
              md5.seal();
            }
            if (!Md5LanesTest.same(digest.get(), Md5LanesTest.jdk(body))) {
              return false;
            }
          }
          return true;
        });
      }
      for (Future<Boolean> upload : threads.invokeAll(uploads)) {
        assertThat(upload.get()).isTrue();
      }
      assertThat(md5.hashedInLanes()).isGreaterThan(before);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void warmLanesAreReportedAsBatchesOfOnePerLane() throws Exception {
    TestLake.awaitBatchedMd5();
    List<String> reports = new ArrayList<>();

    FileSystemLake.watchMidSizedMd5(reports::add);

    assertThat(reports).last().isEqualTo("in batches of up to " + Md5Lanes.LANES + " bodies, one per vector lane");
  }

  @Test
  void aWatcherThatThrowsIsDroppedAndLaterWatchersAreStillTold() throws Exception {
    TestLake.awaitBatchedMd5();
    List<String> reports = new ArrayList<>();

    FileSystemLake.watchMidSizedMd5(how -> {
      throw new IllegalStateException("a broken watcher");
    });
    FileSystemLake.watchMidSizedMd5(reports::add);

    assertThat(reports).last().asString().startsWith("in batches of up to ");
  }

  @Test
  void lanesCompiledAfterTheWarmUpsLimitAreTakenUpByALaterCheck() throws Exception {
    // A JVM of its own, where the lanes' code is surely not compiled when its first check runs.
    List<String> lines = outputOf(List.of(), LateWarmUpProcess.class, "200");

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("one body at a time for now: the vector lanes were not twice as fast as the"
        + " JDK's MD5 within 0 s; they are checked again every 200 ms");
    assertThat(lines.get(1)).isEqualTo("in batches of up to " + Md5Lanes.LANES + " bodies, one per vector lane");
    assertThat(lines.get(2)).isEqualTo("digests agree, " + Md5Lanes.LANES + " in lanes");
  }

  @Test
  void aJvmWhoseJitStopsBeforeItsOptimisingCompilerHashesOneBodyAtATimeWithoutAWarmUp() throws Exception {
    List<String> lines = outputOf(List.of("-XX:TieredStopAtLevel=1"), SharedLanesProcess.class);

    assertThat(lines).containsExactly(
        "one body at a time: the JVM's JIT stops at tier 1, before its optimising compiler", "lanes: false");
  }

  @Test
  void anInterpretingJvmHashesOneBodyAtATimeWithoutAWarmUp() throws Exception {
    List<String> lines = outputOf(List.of("-Xint"), SharedLanesProcess.class);

    assertThat(lines).containsExactly("one body at a time: the JVM runs without its JIT compiler", "lanes: false");
  }

  @Test
  void aJvmWithItsOptimisingCompilerIsNotRefusedTheLanes() throws Exception {
    assertThat(BatchedMd5.neverCompiled()).isEmpty();
  }

  /** The standard output, line by line, of {@code main} run in a JVM of its own with the vector module. */
  private static List<String> outputOf(List<String> jvmOptions, Class<?> main, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--add-modules", "jdk.incubator.vector"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    // Its few lines fit the pipe, so it never waits for this side to read them.
    boolean exited = child.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      child.destroyForcibly();
    }
    assertThat(exited).as("the JVM of its own exited").isTrue();
    return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aFullBatchIsCountedAsOneBatchOfAllItsBodies() throws Exception {
    TestLake.awaitBatchedMd5();
    long bodies = FileSystemLake.bodiesHashedInLanes();
    long batches = FileSystemLake.batchesHashedInLanes();
    List<PendingMd5> digests = new ArrayList<>();
    for (int j = 0; j < Md5Lanes.LANES; j++) {
      digests.add(md5.submit(ByteBuffer.wrap(new byte[20000 + j]), 20000 + j));
    }
    for (int j = 0; j < Md5Lanes.LANES; j++) {
      assertThat(digests.get(j).get()).isEqualTo(Md5LanesTest.jdk(new byte[20000 + j]));
    }

    // Every earlier test waited for its digests, so these bodies filled an empty batch.
    assertThat(FileSystemLake.bodiesHashedInLanes() - bodies).isEqualTo(Md5Lanes.LANES);
    assertThat(FileSystemLake.batchesHashedInLanes() - batches).isEqualTo(1);
  }

  @Test
  void bodyLargerThanABatchTakesIsHashedAtOnce() {
    byte[] body = new byte[BatchedMd5.MAX_BODY_BYTES + 1];
    new SplittableRandom(3).nextBytes(body);

    assertThat(md5.submit(ByteBuffer.wrap(body), body.length).get()).isEqualTo(Md5LanesTest.jdk(body));
  }

  @Test
  void digestIsOfTheBytesFromTheBuffersPositionOnly() {
    byte[] body = new byte[70000];
    new SplittableRandom(4).nextBytes(body);
    ByteBuffer buffer = ByteBuffer.allocate(80000);
    buffer.position(1234).put(body).position(1234);

    assertThat(md5.submit(buffer, body.length).get()).isEqualTo(Md5LanesTest.jdk(body));
  }

  @Test
  void loneBodyIsHashedWhenItsDigestIsAskedForWithoutASeal() throws Exception {
    TestLake.awaitBatchedMd5();
    byte[] body = new byte[20000];
    new SplittableRandom(5).nextBytes(body);

    assertThat(md5.submit(ByteBuffer.wrap(body), body.length).get()).isEqualTo(Md5LanesTest.jdk(body));
  }
}
