package dev.lakegate.client.it;

import dev.lakegate.client.ClientSecret;
import dev.lakegate.client.LakegateClient;
import dev.lakegate.client.RetryPolicy;
import dev.lakegate.client.TrustedCertificates;
import dev.lakegate.client.UploadListener;
import dev.lakegate.client.UploadSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A separate process for {@link RealServerResumeTest}: uploads one file one part at a time, prints
 * {@code stored N} after each part it has journaled and, after the requested number, waits on
 * stdin so that the test can kill it at a known point. Arguments: token URL, API URL, client id,
 * secret file, CA certificate, state directory, file, parts to store before waiting.
 */
public final class UploadVictim {
  private UploadVictim() {}

  public static void main(String[] args) throws Exception {
    int stopAfter = Integer.parseInt(args[7]);
    AtomicInteger stored = new AtomicInteger();
    UploadSettings settings = new UploadSettings(8 * UploadSettings.MIB, 8 * UploadSettings.MIB, 1,
        new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMinutes(1)), Path.of(args[5]));
    try (LakegateClient client = LakegateClient.builder()
        .tokenUrl(URI.create(args[0]))
        .apiUrl(URI.create(args[1]))
        .clientId(args[2])
        .clientSecret(ClientSecret.of(Files.readString(Path.of(args[3]))))
        .sslContext(TrustedCertificates.sslContext(List.of(Path.of(args[4]))))
        .settings(settings)
        .build()) {
      client.upload(Path.of(args[6]), new UploadListener() {
        @Override
        public void partStored(String source, int partNumber) {
          System.out.println("stored " + partNumber);
          System.out.flush();
          if (stored.incrementAndGet() >= stopAfter) {
            try {
              System.in.read();
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        }
      });
    }
  }
}
