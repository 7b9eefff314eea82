package dev.lakegate.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
}
