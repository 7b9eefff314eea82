package dev.lakegate.client.fake;

import dev.lakegate.client.ClientSecret;
import dev.lakegate.client.LakegateClient;
import dev.lakegate.client.RetryPolicy;
import dev.lakegate.client.UploadSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/** Clients aimed at a {@link FakeLakegate}, with 5 MiB parts and millisecond backoff; tests change what they need. */
public final class FakeClients {
  public static final RetryPolicy FAST_RETRY =
      new RetryPolicy(6, Duration.ofMillis(1), Duration.ofMillis(8), Duration.ofSeconds(30));

  private FakeClients() {}

  public static UploadSettings settings(Path stateDirectory) {
    return new UploadSettings(5 * UploadSettings.MIB, 5 * UploadSettings.MIB, 3, FAST_RETRY, stateDirectory);
  }

  public static LakegateClient.Builder client(FakeLakegate fake, Path stateDirectory) {
    return LakegateClient.builder()
        .tokenUrl(fake.tokenUrl())
        .apiUrl(fake.apiUrl())
        .clientId(FakeLakegate.CLIENT_ID)
        .clientSecret(ClientSecret.of(FakeLakegate.SECRET))
        .settings(settings(stateDirectory))
        .random(new Random(42));
  }
}
