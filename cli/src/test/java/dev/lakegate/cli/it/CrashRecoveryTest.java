package dev.lakegate.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat: a server killed (SIGKILL, power loss, OOM killer) while uploads stream must leave no
 * partial object visible, must not lose an upload it already answered 200, and must start again.
 */
class CrashRecoveryTest {
  private static final int STREAMING = 8;
  private static final long SLOW_SIZE = 64L << 20;
  private static final long FAST_SIZE = 256L << 10;

  @TempDir Path dir;

  @Test
  void killedServerLeavesOnlyWholeObjectsAndServesAgain() throws Exception {
    StandaloneFixture fixture = new StandaloneFixture(dir, 64);
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    Map<String, String> interrupted = new ConcurrentHashMap<>();
    Map<String, Future<Integer>> streams = new LinkedHashMap<>();
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try (ServerProcess server = fixture.serve("first", List.of())) {
      Partner partner = fixture.partner();
      CountDownLatch midStream = new CountDownLatch(STREAMING);
      for (int i = 0; i < STREAMING; i++) {
        long seed = 1000L + i;
        String md5 = PatternStream.contentMd5(seed, SLOW_SIZE);
        JsonNode grant = partner.call("unipart?md5=" + Partner.encode(md5));
        interrupted.put(grant.get("uuid").asText(), md5);
        streams.put(grant.get("uuid").asText(), pool.submit(() -> partner.put(grant.get("url").asText(), md5, SLOW_SIZE,
            () -> new SlowStream(new PatternStream(seed, SLOW_SIZE), midStream))));
      }
      assertThat(midStream.await(60, TimeUnit.SECONDS)).as("all slow uploads are streaming").isTrue();
      for (int i = 0; i < 6; i++) {
        long seed = 2000L + i;
        String md5 = PatternStream.contentMd5(seed, FAST_SIZE);
        JsonNode grant = partner.call("unipart?md5=" + Partner.encode(md5));
        int status = partner.put(grant.get("url").asText(), md5, FAST_SIZE, () -> new PatternStream(seed, FAST_SIZE));
        assertThat(status).isEqualTo(200);
        acknowledged.put(grant.get("uuid").asText(), md5);
      }
      server.kill();
      // a stream that was answered 200 before the kill is an acknowledged upload like the others
      for (var stream : streams.entrySet()) {
        if (answered200(stream.getValue())) {
          acknowledged.put(stream.getKey(), interrupted.remove(stream.getKey()));
        }
      }
    } finally {
      pool.shutdownNow();
    }

    try (ServerProcess restarted = fixture.serve("second", List.of())) {
      Path objects = fixture.bucketDir().resolve(StandaloneFixture.PREFIX);
      for (var upload : acknowledged.entrySet()) {
        assertThat(Md5.of(objects.resolve(upload.getKey()))).as("acknowledged upload %s", upload.getKey())
            .isEqualTo(upload.getValue());
      }
      for (String uuid : interrupted.keySet()) {
        Path object = objects.resolve(uuid);
        if (Files.exists(object)) {
          assertThat(Md5.of(object)).as("an interrupted upload is whole or absent").isEqualTo(interrupted.get(uuid));
        }
      }
      for (String uuid : concat(acknowledged, interrupted)) {
        assertThat(objects.resolve(uuid + ".metadata.json")).as("metadata answered before the kill").exists();
      }
      try (Stream<Path> files = Files.walk(fixture.bucketDir())) {
        assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
            .as("nothing in the bucket but objects and their metadata")
            .allMatch(name -> acknowledged.containsKey(name) || interrupted.containsKey(name) || name.endsWith(".metadata.json"));
      }

      Partner partner = fixture.partner();
      String md5 = PatternStream.contentMd5(7, FAST_SIZE);
      JsonNode grant = partner.call("unipart?md5=" + Partner.encode(md5));
      assertThat(partner.put(grant.get("url").asText(), md5, FAST_SIZE, () -> new PatternStream(7, FAST_SIZE)))
          .as("the restarted server accepts uploads:\n" + restarted.output()).isEqualTo(200);
    }
  }

  private static boolean answered200(Future<Integer> put) throws InterruptedException {
    try {
      return put.get(30, TimeUnit.SECONDS) == 200;
    } catch (ExecutionException | TimeoutException cutOff) {
      return false;
    }
  }

  private static List<String> concat(Map<String, String> a, Map<String, String> b) {
    List<String> all = new ArrayList<>(a.keySet());
    all.addAll(b.keySet());
    return all;
  }

  /** Streams at about 4 MiB/s and counts down once the first MiB has gone out. */
  private static final class SlowStream extends FilterInputStream {
    private final CountDownLatch midStream;
    private long sent;
    private boolean counted;

    SlowStream(InputStream in, CountDownLatch midStream) {
      super(in);
      this.midStream = midStream;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
      int n = super.read(buffer, offset, Math.min(count, 64 << 10));
      sent += Math.max(n, 0);
      if (!counted && sent >= (1 << 20)) {
        counted = true;
        midStream.countDown();
      }
      try {
        // throttles the body so the kill lands mid-stream
        Thread.sleep(16);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("upload abandoned", e);
      }
      return n;
    }
  }
}
