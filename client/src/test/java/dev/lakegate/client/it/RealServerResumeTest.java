package dev.lakegate.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.client.LakegateClient;
import dev.lakegate.client.UploadResult;
import dev.lakegate.client.UploadSettings;
import dev.lakegate.client.fake.TestFiles;
import dev.lakegate.server.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload killed half-way (SIGKILL to a separate process, no chance to clean up) and run again
 * must continue from its journal: fewer bytes go out the second time and the object is identical.
 */
class RealServerResumeTest {
  private static final long MIB = UploadSettings.MIB;

  @RegisterExtension final TestServer server = TestServer.withDefaults();
  @TempDir Path dir;

  @Test
  void anUploadKilledHalfWayResumesAndArrivesIdentical() throws IOException, InterruptedException {
    Path file = TestFiles.random(dir.resolve("big.bin"), 48 * MIB + 5, 48);
    Path state = dir.resolve("state");
    Process victim = startVictim(file, state, 3);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      while (lines.size() < 3) {
        String line = out.readLine();
        assertThat(line).as("the victim ended early; it said %s", lines).isNotNull();
        lines.add(line);
      }
      assertThat(lines).containsExactly("stored 1", "stored 2", "stored 3");
    } finally {
      victim.destroyForcibly();
      assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    UploadResult resumed;
    try (LakegateClient client = RealServerClients.client(server, state).build()) {
      resumed = client.upload(file);
    }

    assertThat(resumed.bytesSent()).isLessThanOrEqualTo(48 * MIB + 5 - 3 * 8 * MIB);
    assertThat(Files.mismatch(file, RealServerClients.storedObject(server, resumed.uuid()))).isEqualTo(-1);
    assertThat(resumed.etag()).endsWith("-7");
  }

  private Process startVictim(Path file, Path state, int parts) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret"), server.credentials().clientSecret().reveal());
    Path certificate = server.server().certificateFile().orElseThrow();
    String java = ProcessHandle.current().info().command().orElseThrow();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), UploadVictim.class.getName(),
        RealServerClients.tokenUrl(server).toString(), RealServerClients.apiUrl(server).toString(),
        server.credentials().clientId(), secret.toString(), certificate.toString(), state.toString(),
        file.toString(), Integer.toString(parts))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
