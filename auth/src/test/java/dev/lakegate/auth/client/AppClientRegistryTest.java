package dev.lakegate.auth.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.core.testing.MutableClock;
import dev.lakegate.auth.TestAuth;
import dev.lakegate.auth.client.ClientAuthentication.Authenticated;
import dev.lakegate.auth.client.ClientAuthentication.Denied;
import dev.lakegate.auth.client.ClientAuthentication.Reason;
import dev.lakegate.auth.store.DataDirectory;
import dev.lakegate.core.config.AppClientSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppClientRegistryTest {
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atFixedStart();

  private AppClientRegistry registry(String... names) {
    Map<String, AppClientSettings> configured = new LinkedHashMap<>();
    for (String name : names) {
      configured.put(name, AppClientSettings.defaults());
    }
    return new AppClientRegistry(DataDirectory.open(dir), new SecretHasher(TestAuth.masterKey()), configured, clock,
        new SecureRandom());
  }

  @Test
  void firstStartCreatesEveryConfiguredClientWithIdAndSecret() {
    List<ClientCredentials> created = registry("alpha", "beta").synchronize();

    assertThat(created).extracting(ClientCredentials::name).containsExactly("alpha", "beta");
    assertThat(created).allSatisfy(c -> {
      assertThat(c.clientId()).matches("[a-z0-9]{26}");
      assertThat(c.clientSecret().reveal()).matches("[A-Za-z0-9_-]{43}");
    });
  }

  @Test
  void restartKeepsIdsAndSecretsValidAndCreatesNothing() {
    ClientCredentials alpha = registry("alpha").synchronize().get(0);

    AppClientRegistry restarted = registry("alpha");

    assertThat(restarted.synchronize()).isEmpty();
    assertThat(restarted.authenticate(alpha.clientId(), alpha.clientSecret())).isInstanceOf(Authenticated.class);
  }

  @Test
  void clientFileHoldsOnlyTheSecretHashAndIsOwnerOnly() throws Exception {
    ClientCredentials alpha = registry("alpha").synchronize().get(0);

    Path file = dir.resolve(AppClientRegistry.FILE_NAME);
    assertThat(Files.readString(file)).contains(alpha.clientId()).doesNotContain(alpha.clientSecret().reveal());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void wrongSecretIsDenied() {
    ClientCredentials alpha = registry("alpha").synchronize().get(0);

    assertThat(registry("alpha").authenticate(alpha.clientId(), new Secret("guess")))
        .isEqualTo(new Denied(Reason.WRONG_SECRET));
  }

  @Test
  void unknownClientIdIsDenied() {
    AppClientRegistry registry = registry("alpha");
    ClientCredentials alpha = registry.synchronize().get(0);

    assertThat(registry.authenticate("nosuchclient", alpha.clientSecret()))
        .isEqualTo(new Denied(Reason.UNKNOWN_CLIENT));
  }

  @Test
  void rotatedSecretReplacesTheOldOneAtOnce() {
    AppClientRegistry registry = registry("alpha");
    ClientCredentials old = registry.synchronize().get(0);

    ClientCredentials rotated = registry.rotateSecret("alpha").orElseThrow();

    assertThat(rotated.clientId()).isEqualTo(old.clientId());
    assertThat(registry.authenticate(old.clientId(), old.clientSecret())).isEqualTo(new Denied(Reason.WRONG_SECRET));
    assertThat(registry.authenticate(rotated.clientId(), rotated.clientSecret())).isInstanceOf(Authenticated.class);
  }

  @Test
  void rotatingAnUnconfiguredNameChangesNothing() {
    AppClientRegistry registry = registry("alpha");
    registry.synchronize();

    assertThat(registry.rotateSecret("nobody")).isEmpty();
    assertThat(registry.overview()).extracting(ClientSummary::name).containsExactly("alpha");
  }

  @Test
  void disablingThroughAnotherInstanceIsSeenOnTheNextCall() {
    AppClientRegistry server = registry("alpha");
    ClientCredentials alpha = server.synchronize().get(0);
    assertThat(server.authenticate(alpha.clientId(), alpha.clientSecret())).isInstanceOf(Authenticated.class);

    registry("alpha").disable("alpha");

    assertThat(server.authenticate(alpha.clientId(), alpha.clientSecret()))
        .isEqualTo(new Denied(Reason.DISABLED_CLIENT));
    assertThat(server.statusOf(alpha.clientId())).contains(ClientStatus.DISABLED);
  }

  @Test
  void enablingAgainRestoresTheClient() {
    AppClientRegistry registry = registry("alpha");
    ClientCredentials alpha = registry.synchronize().get(0);
    registry.disable("alpha");

    assertThat(registry.enable("alpha")).hasValueSatisfying(c -> assertThat(c.enabled()).isTrue());
    assertThat(registry.authenticate(alpha.clientId(), alpha.clientSecret())).isInstanceOf(Authenticated.class);
  }

  @Test
  void secretRotatedThroughAnotherInstanceInvalidatesTheOldSecretOnTheNextCall() {
    AppClientRegistry server = registry("alpha");
    ClientCredentials old = server.synchronize().get(0);

    ClientCredentials rotated = registry("alpha").rotateSecret("alpha").orElseThrow();

    assertThat(server.authenticate(old.clientId(), old.clientSecret())).isEqualTo(new Denied(Reason.WRONG_SECRET));
    assertThat(server.authenticate(rotated.clientId(), rotated.clientSecret())).isInstanceOf(Authenticated.class);
  }

  @Test
  void clientRemovedFromTheConfigurationStopsWorkingAtOnce() {
    ClientCredentials alpha = registry("alpha", "beta").synchronize().get(0);

    AppClientRegistry withoutAlpha = registry("beta");

    assertThat(withoutAlpha.authenticate(alpha.clientId(), alpha.clientSecret()))
        .isEqualTo(new Denied(Reason.REMOVED_CLIENT));
    assertThat(withoutAlpha.statusOf(alpha.clientId())).contains(ClientStatus.REMOVED);
  }

  @Test
  void nextStartDeletesClientsNoLongerConfigured() {
    ClientCredentials alpha = registry("alpha", "beta").synchronize().get(0);

    AppClientRegistry withoutAlpha = registry("beta");
    withoutAlpha.synchronize();

    assertThat(withoutAlpha.statusOf(alpha.clientId())).isEmpty();
    assertThat(withoutAlpha.overview()).extracting(ClientSummary::name).containsExactly("beta");
  }

  @Test
  void overviewShowsConfiguredClientsNotCreatedYet() {
    assertThat(registry("alpha").overview()).singleElement()
        .satisfies(s -> {
          assertThat(s.status()).isEqualTo(ClientStatus.NOT_CREATED);
          assertThat(s.clientId()).isEmpty();
        });
  }

  @Test
  void changesFromTwoInstancesAreNotLost() {
    AppClientRegistry first = registry("alpha", "beta");
    first.synchronize();
    AppClientRegistry second = registry("alpha", "beta");

    first.disable("alpha");
    second.disable("beta");

    assertThat(first.overview()).extracting(ClientSummary::status)
        .containsExactly(ClientStatus.DISABLED, ClientStatus.DISABLED);
  }

  @Test
  void overviewKeepsTheConfigurationOrder() {
    AppClientRegistry registry = registry("zeta", "alpha");
    registry.synchronize();

    assertThat(registry.overview()).extracting(ClientSummary::name).containsExactly("zeta", "alpha");
  }

  @Test
  void toStringShowsNoSecretOrHash() {
    AppClientRegistry registry = registry("alpha");
    ClientCredentials alpha = registry.synchronize().get(0);
    AppClient stored = registry.byName("alpha").orElseThrow();

    assertThat(alpha.toString()).contains(alpha.clientId()).doesNotContain(alpha.clientSecret().reveal());
    assertThat(stored.toString()).doesNotContain(stored.secretHash());
  }
}
