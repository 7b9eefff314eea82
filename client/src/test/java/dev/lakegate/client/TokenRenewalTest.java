package dev.lakegate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.client.fake.FakeClients;
import dev.lakegate.client.fake.FakeLakegate;
import dev.lakegate.client.fake.TestFiles;
import dev.lakegate.core.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenRenewalTest {
  @TempDir Path dir;
  private FakeLakegate fake;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

  @BeforeEach
  void start() throws IOException {
    fake = FakeLakegate.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void reusesOneTokenWhileItIsFresh() throws IOException {
    try (LakegateClient client = FakeClients.client(fake, dir).clock(clock).build()) {
      client.upload(TestFiles.random(dir.resolve("a"), 10, 1));
      clock.advance(Duration.ofMinutes(30));
      client.upload(TestFiles.random(dir.resolve("b"), 10, 2));
    }

    assertThat(fake.tokenRequests()).isEqualTo(1);
  }

  @Test
  void renewsTheTokenBeforeItExpiresSoNoCallIsRefused() throws IOException {
    fake.expiresIn(3600);
    try (LakegateClient client = FakeClients.client(fake, dir).clock(clock).build()) {
      client.upload(TestFiles.random(dir.resolve("a"), 10, 1));
      clock.advance(Duration.ofMinutes(56));
      fake.forgetTokens();
      client.upload(TestFiles.random(dir.resolve("b"), 10, 2));
    }

    assertThat(fake.tokenRequests()).isEqualTo(2);
    assertThat(fake.unauthorizedApiCalls()).isZero();
  }

  @Test
  void aTokenTheServerNoLongerAcceptsIsReplacedOnce() throws IOException {
    try (LakegateClient client = FakeClients.client(fake, dir).clock(clock).build()) {
      client.upload(TestFiles.random(dir.resolve("a"), 10, 1));
      fake.forgetTokens();

      UploadResult result = client.upload(TestFiles.random(dir.resolve("b"), 10, 2));

      assertThat(fake.object(result.uuid())).hasSize(10);
    }
    assertThat(fake.unauthorizedApiCalls()).isEqualTo(1);
    assertThat(fake.tokenRequests()).isEqualTo(2);
  }

  @Test
  void aWrongSecretFailsAtOnceWithAClearMessage() throws IOException {
    Path file = TestFiles.random(dir.resolve("a"), 10, 1);
    try (LakegateClient client = FakeClients.client(fake, dir).clientSecret(ClientSecret.of("wrong")).build()) {

      assertThatThrownBy(() -> client.upload(file))
          .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.failure())
              .isEqualTo(new UploadFailure.CredentialsRefused(401, "invalid_client")))
          .hasMessageContaining("check the client id and secret")
          .hasMessageNotContaining("wrong");
    }
    assertThat(fake.tokenRequests()).isEqualTo(1);
  }

  @Test
  void theSecretNeverShowsInToString() {
    assertThat(ClientSecret.of("hunter2")).hasToString("ClientSecret[****]");
  }
}
