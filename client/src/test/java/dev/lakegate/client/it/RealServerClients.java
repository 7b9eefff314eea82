package dev.lakegate.client.it;

import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.client.ClientSecret;
import dev.lakegate.client.LakegateClient;
import dev.lakegate.client.RetryPolicy;
import dev.lakegate.client.TrustedCertificates;
import dev.lakegate.client.UploadSettings;
import dev.lakegate.server.TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

/** Clients aimed at a running {@link TestServer}, trusting its certificate as {@code --ca-cert} would. */
final class RealServerClients {
  static final RetryPolicy QUICK_RETRY =
      new RetryPolicy(8, Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofMinutes(2));

  private RealServerClients() {}

  static URI tokenUrl(TestServer server) {
    return server.uri("/oauth2/token");
  }

  static URI apiUrl(TestServer server) {
    return server.uri("/" + server.config().api().stageName() + "/upload");
  }

  static UploadSettings settings(Path stateDirectory) {
    return new UploadSettings(8 * UploadSettings.MIB, 8 * UploadSettings.MIB, 4, QUICK_RETRY, stateDirectory);
  }

  static LakegateClient.Builder client(TestServer server, Path stateDirectory) {
    ClientCredentials credentials = server.credentials();
    LakegateClient.Builder builder = LakegateClient.builder()
        .tokenUrl(tokenUrl(server))
        .apiUrl(apiUrl(server))
        .clientId(credentials.clientId())
        .clientSecret(ClientSecret.of(credentials.clientSecret().reveal()))
        .settings(settings(stateDirectory));
    try {
      builder.sslContext(TrustedCertificates.sslContext(server.server().certificateFile().map(List::of).orElse(List.of())));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust the test server's certificate", e);
    }
    return builder;
  }

  /** Where the local lake keeps the object of {@code uuid}. */
  static Path storedObject(TestServer server, String uuid) {
    return server.bucketDir().resolve(server.config().api().targetPrefix()).resolve(uuid);
  }
}
