package dev.lakegate.bench.micro;

import dev.lakegate.auth.AuthSettings;
import dev.lakegate.auth.AuthorizationServer;
import dev.lakegate.auth.client.AppClient;
import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.auth.key.SigningKeys;
import dev.lakegate.auth.token.TokenIssuer;
import dev.lakegate.auth.token.TokenRequest;
import dev.lakegate.auth.token.TokenResult;
import dev.lakegate.auth.token.TokenVerifier;
import dev.lakegate.auth.token.Verification;
import dev.lakegate.core.config.AppClientSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The token endpoint and the upload API's token check ({@code contract.md} §2, §4) without HTTP:
 * signing an access token, the whole {@code client_credentials} decision (secret check included),
 * verifying a token the verifier has not seen, and the verified-token cache hit every later
 * request of the same token takes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuthBenchmarks {
  private static final URI ISSUER = URI.create("https://127.0.0.1:8443");
  private static final String SCOPE = "m2m-api/m2m-custom";

  private Path dataDir;
  private AuthorizationServer auth;
  private TokenIssuer issuer;
  private AppClient client;
  private TokenRequest grant;
  private String bearer;

  @Setup(Level.Trial)
  public void openAuthorizationServer() throws IOException {
    dataDir = Files.createTempDirectory("lakegate-bench-auth-");
    SecureRandom random = new SecureRandom();
    auth = AuthorizationServer.open(new AuthSettings(dataDir, ISSUER, Map.of("bench", AppClientSettings.defaults()),
        Clock.systemUTC(), Map.of(), random, SigningKeys.Policy.DEFAULT_ROTATION_AGE));
    ClientCredentials credentials = auth.initialize().getFirst();
    client = auth.clients().byName("bench").orElseThrow();
    issuer = new TokenIssuer(auth.keys(), ISSUER, Clock.systemUTC(), random);
    String basic = Base64.getEncoder().encodeToString((form(credentials.clientId()) + ":"
        + form(credentials.clientSecret().reveal())).getBytes(StandardCharsets.UTF_8));
    grant = TokenRequest.fromHttp(Optional.of("Basic " + basic),
        Map.of("grant_type", List.of("client_credentials"), "scope", List.of(SCOPE)));
    bearer = "Bearer " + issuer.issue(client, SCOPE, Duration.ofHours(1)).reveal();
  }

  @TearDown(Level.Trial)
  public void removeDataDir() throws IOException {
    try (var files = Files.walk(dataDir)) {
      for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Benchmark
  public Object signAccessToken() {
    return issuer.issue(client, SCOPE, Duration.ofHours(1));
  }

  @Benchmark
  public TokenResult clientCredentialsGrant() {
    return auth.token(grant);
  }

  @Benchmark
  public Verification verifyUnseenToken() {
    // A fresh verifier has an empty cache: the RS256 check and the claim parsing run every time.
    return new TokenVerifier(auth.keys(), auth.clients(), ISSUER, Clock.systemUTC()).verify(Optional.of(bearer));
  }

  @Benchmark
  public Verification verifyCachedToken() {
    return auth.verify(Optional.of(bearer));
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
