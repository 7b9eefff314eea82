package dev.lakegate.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four log files: owner-only, one JSON object per line, secrets redacted. */
class ServerLogsTest {
  @TempDir
  Path dir;

  @Test
  void createsOwnerOnlyFilesForEveryKind() throws IOException {
    try (ServerLogs logs = ServerLogs.open(dir.resolve("logs"))) {
      logs.application().info("hello");
    }

    for (String kind : List.of("access", "firewall", "auth", "application")) {
      Path file = dir.resolve("logs").resolve(kind + ".log");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("logs")))).isEqualTo("rwx------");
  }

  @Test
  void firewallLineRedactsAuthorizationAndCookie() throws IOException {
    try (ServerLogs logs = ServerLogs.open(dir)) {
      logs.firewall().blocked(new FirewallLog.Blocked(Instant.parse("2026-11-24T04:00:00Z"), "req-1", "192.0.2.7", "192.0.2.7", "GET", "/prod/upload/unipart",
          Map.of("Authorization", List.of("Bearer secret-token"), "Cookie", List.of("session=abc"), "User-Agent", List.of("curl/8"))));
    }

    List<String> lines = Files.readAllLines(dir.resolve("firewall.log"));
    assertThat(lines).hasSize(1);
    assertThat(lines.getFirst()).startsWith("{").endsWith("}")
        .contains("\"ip\":\"192.0.2.7\"", "\"httpMethod\":\"GET\"", "\"path\":\"/prod/upload/unipart\"", "curl/8", "REDACTED")
        .doesNotContain("secret-token").doesNotContain("session=abc");
  }

  @Test
  void flushReturnsOnceEveryEarlierLineIsInItsFile() throws IOException {
    try (ServerLogs logs = ServerLogs.open(dir)) {
      for (int i = 0; i < 2_000; i++) {
        logs.application().info("line {}", i);
      }
      logs.flush(java.time.Duration.ofSeconds(30));

      List<String> lines = Files.readAllLines(dir.resolve("application.log"));
      assertThat(lines).hasSize(2_000);
      assertThat(lines.getLast()).contains("line 1999");
      assertThat(String.join("\n", lines)).doesNotContain("LAKEGATE_LOG_FLUSH").doesNotContain("\"flush\"");
    }
  }

  @Test
  void linesFromManyThreadsAllReachTheFileInEachThreadsOrder() throws Exception {
    try (ServerLogs logs = ServerLogs.open(dir)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        threads.add(Thread.ofVirtual().start(() -> {
          for (int i = 0; i < 500; i++) {
            logs.application().info("thread {} line {}", thread, i);
          }
        }));
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }

    List<String> lines = Files.readAllLines(dir.resolve("application.log"));
    assertThat(lines).hasSize(4_000);
    for (int t = 0; t < 8; t++) {
      String prefix = "thread " + t + " line ";
      List<Integer> order = lines.stream().filter(line -> line.contains(prefix))
          .map(line -> Integer.parseInt(line.replaceAll(".*" + prefix + "([0-9]+).*", "$1"))).toList();
      assertThat(order).as("thread %d", t).isEqualTo(IntStream.range(0, 500).boxed().toList());
    }
  }

  @Test
  void closeWritesEveryLineStillQueued() throws IOException {
    try (ServerLogs logs = ServerLogs.open(dir)) {
      for (int i = 0; i < 5_000; i++) {
        logs.access().record(new AccessLog.Entry("req-" + i, "192.0.2.7", null, "04/Dec/2026:03:00:00 +0000",
            "GET", "/prod/upload/unipart", 200, "HTTP/1.1", 2));
      }
    }

    List<String> lines = Files.readAllLines(dir.resolve("access.log"));
    assertThat(lines).hasSize(5_000);
    assertThat(lines.getLast()).contains("req-4999");
  }

  @Test
  void lineAfterAQuietSpellIsWrittenToo() throws Exception {
    try (ServerLogs logs = ServerLogs.open(dir)) {
      logs.application().info("before");
      logs.flush(Duration.ofSeconds(30));
      // Longer than the writer's linger and idle time: it now waits to be woken by the next line.
      Thread.sleep(BatchingQueueAppender.IDLE_BEFORE_WAITING.multipliedBy(3).toMillis());
      logs.application().info("after");
      logs.flush(Duration.ofSeconds(30));

      assertThat(Files.readAllLines(dir.resolve("application.log"))).hasSize(2).last().asString().contains("after");
    }
  }
}
