package dev.lakegate.auth;

import dev.lakegate.core.testing.MutableClock;
import dev.lakegate.auth.key.MasterKey;
import dev.lakegate.auth.key.RsaSigning;
import dev.lakegate.auth.key.SecretEnvelope;
import dev.lakegate.auth.store.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import dev.lakegate.auth.key.SigningKeys;
import dev.lakegate.core.config.AppClientSettings;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Fixtures: {@link #settings} returns a builder with sane defaults (one client {@code partner}
 * with 60-minute tokens, a fixed master key in the environment, a {@link MutableClock}), so a test
 * states only what it changes.
 */
public final class TestAuth {
  public static final URI ISSUER = URI.create("https://lakegate.test:8443");
  private static final byte[] MASTER_KEY = new byte[32];

  static {
    for (int i = 0; i < MASTER_KEY.length; i++) {
      MASTER_KEY[i] = (byte) (i * 7 + 3);
    }
  }

  private TestAuth() {}

  /** The fixed test master key's bytes (a copy). */
  public static byte[] masterKeyBytes() {
    return MASTER_KEY.clone();
  }

  public static MasterKey masterKey() {
    return MasterKey.of(MASTER_KEY);
  }

  public static Map<String, String> masterKeyEnvironment() {
    return Map.of(MasterKey.ENVIRONMENT_VARIABLE, Base64.getEncoder().encodeToString(MASTER_KEY));
  }

  /**
   * True where Conscrypt's jar ships a native library (x86-64 Linux, macOS, Windows), so tests of
   * the native signer must run there and are skipped elsewhere.
   */
  public static boolean conscryptShipped() {
    String arch = System.getProperty("os.arch", "");
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    return (arch.equals("amd64") || arch.equals("x86_64"))
        && (os.startsWith("linux") || os.startsWith("mac") || os.startsWith("windows"));
  }

  public static Builder settings(Path dataDir, MutableClock clock) {
    return new Builder(dataDir, clock);
  }

  /** A builder of {@link AuthSettings}. */
  public static final class Builder {
    private final Path dataDir;
    private final MutableClock clock;
    private final Map<String, AppClientSettings> clients = new LinkedHashMap<>();
    private Map<String, String> environment = masterKeyEnvironment();
    private Duration rotationAge = SigningKeys.Policy.DEFAULT_ROTATION_AGE;
    private URI issuer = ISSUER;

    private Builder(Path dataDir, MutableClock clock) {
      this.dataDir = dataDir;
      this.clock = clock;
      clients.put("partner", AppClientSettings.defaults());
    }

    public Builder client(String name, int accessTokenMinutes) {
      clients.put(name, new AppClientSettings(accessTokenMinutes, 60, 720));
      return this;
    }

    public Builder withoutClient(String name) {
      clients.remove(name);
      return this;
    }

    public Builder environment(Map<String, String> value) {
      environment = value;
      return this;
    }

    /** The token signer's provider, as {@value RsaSigning#ENVIRONMENT_VARIABLE} says it: {@code jdk} or {@code conscrypt}. */
    public Builder signing(String choice) {
      Map<String, String> withChoice = new LinkedHashMap<>(environment);
      withChoice.put(RsaSigning.ENVIRONMENT_VARIABLE, choice);
      environment = withChoice;
      return this;
    }

    public Builder rotationAge(Duration value) {
      rotationAge = value;
      return this;
    }

    public Builder issuer(URI value) {
      issuer = value;
      return this;
    }

    public AuthSettings build() {
      return new AuthSettings(dataDir, issuer, clients, clock, environment, new SecureRandom(), rotationAge);
    }

    /** The server over {@code dataDir}, with a signing key already in place (see {@link #preparedKeys}). */
    public AuthorizationServer open() {
      try {
        Files.createDirectories(dataDir);
        Path keys = dataDir.resolve(SigningKeys.FILE_NAME);
        if (!Files.exists(keys)) {
          Files.write(keys, preparedKeys());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return AuthorizationServer.open(build());
    }
  }

  private static byte @Nullable [] preparedKeys;

  /**
   * A key file made once per test run, under {@link #MASTER_KEY} at {@link
   * MutableClock#atFixedStart()}: RSA key generation takes a second or more on a busy machine, and
   * most tests only need some key.
   */
  static synchronized byte[] preparedKeys() throws IOException {
    if (preparedKeys == null) {
      Path dir = Files.createTempDirectory("lakegate-keys");
      new SigningKeys(DataDirectory.open(dir), new SecretEnvelope(masterKey()), MutableClock.atFixedStart(),
          new SecureRandom(), new SigningKeys.Policy(SigningKeys.Policy.DEFAULT_ROTATION_AGE, Duration.ZERO),
          RsaSigning.of(RsaSigning.Choice.JDK)).active();
      preparedKeys = Files.readAllBytes(dir.resolve(SigningKeys.FILE_NAME));
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(dir);
    }
    return preparedKeys;
  }
}
