package dev.lakegate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.client.fake.FakeClients;
import dev.lakegate.client.fake.FaultyProxy;
import dev.lakegate.client.fake.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Transient failures (5xx, 429, cut connections) must cost retries, never data or a failed upload. */
class FaultToleranceTest extends AgainstFakeLakegate {
  @Test
  void partPutsAnsweredWith500AreRetriedAndTheFileArrivesIdentical() throws IOException {
    fake.failPuts(n -> n % 3 == 1);
    Path file = TestFiles.random(dir.resolve("f.bin"), 26 * MIB, 1);

    UploadResult result = client.upload(file);

    assertThat(fake.object(result.uuid())).isEqualTo(Files.readAllBytes(file));
    assertThat(result.bytesSent()).isGreaterThan(26 * MIB);
  }

  @Test
  void cutConnectionsAreRetriedAndTheFileArrivesIdentical() throws IOException {
    fake.dropPuts(n -> n == 1 || n == 4);
    Path file = TestFiles.random(dir.resolve("f.bin"), 16 * MIB, 2);

    UploadResult result = client.upload(file);

    assertThat(fake.object(result.uuid())).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void putsBrokenByAProxyInTheWayAreRetriedAndTheFileArrivesIdentical() throws IOException {
    Path file = TestFiles.random(dir.resolve("f.bin"), 21 * MIB, 6);
    try (FaultyProxy proxy = new FaultyProxy(n -> switch (n % 4) {
          case 1 -> FaultyProxy.Fault.ERROR_500;
          case 2 -> FaultyProxy.Fault.RESET;
          default -> FaultyProxy.Fault.NONE;
        });
        LakegateClient proxied = FakeClients.client(fake, dir.resolve("state")).proxy(proxy.selector()).build()) {

      UploadResult result = proxied.upload(file);

      assertThat(fake.object(result.uuid())).isEqualTo(Files.readAllBytes(file));
      assertThat(proxy.injectedFaults()).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void apiCallsAnswered429AreRetried() throws IOException {
    fake.failApiCalls(n -> n <= 2, 429);
    Path file = TestFiles.random(dir.resolve("f.bin"), 1000, 3);

    UploadResult result = client.upload(file);

    assertThat(fake.object(result.uuid())).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void aServerThatKeepsFailingMakesTheUploadGiveUpWithTheLastError() throws IOException {
    fake.failPuts(n -> true);
    Path file = TestFiles.random(dir.resolve("f.bin"), 1000, 4);

    assertThatThrownBy(() -> client.upload(file))
        .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.failure())
            .isInstanceOfSatisfying(UploadFailure.GaveUp.class, g -> {
              assertThat(g.attempts()).isEqualTo(FakeClients.FAST_RETRY.maxAttempts());
              assertThat(g.lastError()).contains("InternalError: injected");
            }));
    assertThat(fake.lakePuts()).isEqualTo(FakeClients.FAST_RETRY.maxAttempts());
  }

  @Test
  void aClientErrorIsNotRetried() throws IOException {
    fake.failApiCalls(n -> true, 403);
    Path file = TestFiles.random(dir.resolve("f.bin"), 1000, 5);

    assertThatThrownBy(() -> client.upload(file))
        .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.failure())
            .isEqualTo(new UploadFailure.Rejected("unipart", 403, "injected failure")));
    assertThat(fake.lakePuts()).isZero();
  }
}
