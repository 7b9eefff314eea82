package dev.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.auth.AuthSettings;
import dev.lakegate.auth.AuthorizationServer;
import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.auth.key.MasterKey;
import dev.lakegate.auth.key.SigningKeys;
import dev.lakegate.auth.token.TokenRequest;
import dev.lakegate.auth.token.TokenResult;
import dev.lakegate.auth.token.TokenResult.Granted;
import dev.lakegate.auth.token.TokenResult.Refused;
import dev.lakegate.core.config.AppClientSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lakegate clients} and {@code lakegate keys} run in-process against the data directory of
 * a "running server" (an {@link AuthorizationServer} opened first), which must see every change
 * on its next call.
 */
class ClientsCommandTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  private static final Map<String, String> ENVIRONMENT =
      Map.of(MasterKey.ENVIRONMENT_VARIABLE, Base64.getEncoder().encodeToString(new byte[32]));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path config;
  private AuthorizationServer server;
  private ClientCredentials alpha;
  private ClientCredentials beta;

  @BeforeEach
  void startServer() throws IOException {
    Path dataDir = dir.resolve("data");
    config = dir.resolve("m2m-api.yaml");
    Files.writeString(config, """
        api:
          adminRoles:
            - name: admin
          targetBucketName: landing
          targetPrefix: incoming
          concurrencyLimit: 4
          allowedCidrs:
            - 127.0.0.0/8
          appClients:
            alpha:
              accessTokenValidityMinutes: 30
            beta: {}
        standalone:
          listen: 127.0.0.1:8443
          dataDir: %s
        """.formatted(dataDir));
    Map<String, AppClientSettings> clients = new LinkedHashMap<>();
    clients.put("alpha", new AppClientSettings(30, 60, 720));
    clients.put("beta", AppClientSettings.defaults());
    server = AuthorizationServer.open(new AuthSettings(dataDir, URI.create("https://127.0.0.1:8443"), clients, CLOCK,
        ENVIRONMENT, new SecureRandom(), SigningKeys.Policy.DEFAULT_ROTATION_AGE));
    List<ClientCredentials> created = server.initialize();
    alpha = created.get(0);
    beta = created.get(1);
  }

  private CommandRun clients(String... args) {
    return CommandRun.of(new ClientsCommand(ENVIRONMENT, CLOCK), withConfig(args));
  }

  private CommandRun keys(String... args) {
    return CommandRun.of(new KeysCommand(ENVIRONMENT, CLOCK), withConfig(args));
  }

  private String[] withConfig(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--config";
    all[args.length + 1] = config.toString();
    return all;
  }

  private TokenResult tokenFor(ClientCredentials credentials) {
    return server.token(TokenRequest.fromHttp(Optional.empty(), Map.of("grant_type", List.of("client_credentials"),
        "client_id", List.of(credentials.clientId()), "client_secret", List.of(credentials.clientSecret().reveal()))));
  }

  @Test
  void listShowsEveryClientWithIdAndStatusButNoSecret() {
    CommandRun run = clients("list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().toList()).hasSize(3);
    assertThat(run.out()).startsWith("NAME").contains("CLIENT ID").contains("STATUS")
        .contains(alpha.clientId()).contains(beta.clientId()).contains("active")
        .doesNotContain(alpha.clientSecret().reveal());
  }

  @Test
  void listAsJsonGivesOneObjectPerClient() throws Exception {
    CommandRun run = clients("list", "--json");

    JsonNode list = JSON.readTree(run.out());
    assertThat(list).hasSize(2);
    assertThat(list.get(0).get("name").asText()).isEqualTo("alpha");
    assertThat(list.get(0).get("client_id").asText()).isEqualTo(alpha.clientId());
    assertThat(list.get(0).get("status").asText()).isEqualTo("active");
    assertThat(list.get(0).get("created_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
  }

  @Test
  void rotateSecretPrintsNewCredentialsOnceAndTheRunningServerRefusesTheOldSecret() throws Exception {
    ClientCredentials old = alpha;
    assertThat(tokenFor(old)).isInstanceOf(Granted.class);

    CommandRun run = clients("rotate-secret", "alpha", "--json");

    assertThat(run.exitCode()).isZero();
    JsonNode body = JSON.readTree(run.out());
    assertThat(body.fieldNames()).toIterable().containsExactly("name", "client_id", "client_secret");
    assertThat(body.get("client_id").asText()).isEqualTo(old.clientId());
    ClientCredentials rotated = new ClientCredentials("alpha", old.clientId(),
        new dev.lakegate.auth.client.Secret(body.get("client_secret").asText()));
    assertThat(tokenFor(old)).isInstanceOf(Refused.class);
    assertThat(tokenFor(rotated)).isInstanceOf(Granted.class);
  }

  @Test
  void rotateSecretAsTextShowsTheSecretWithAWarning() {
    CommandRun run = clients("rotate-secret", "beta");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("shown only now").contains("client_id:     " + beta.clientId())
        .containsPattern("client_secret: [A-Za-z0-9_-]{43}");
  }

  @Test
  void disableStopsTheClientOnTheRunningServersNextRequest() {
    assertThat(tokenFor(alpha)).isInstanceOf(Granted.class);

    CommandRun run = clients("disable", "alpha");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("alpha").contains("disabled");
    assertThat(tokenFor(alpha)).isInstanceOf(Refused.class);
    assertThat(tokenFor(beta)).isInstanceOf(Granted.class);
  }

  @Test
  void enableRestoresADisabledClient() throws Exception {
    clients("disable", "alpha");

    CommandRun run = clients("enable", "alpha", "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(JSON.readTree(run.out()).get("status").asText()).isEqualTo("active");
    assertThat(tokenFor(alpha)).isInstanceOf(Granted.class);
  }

  @Test
  void unknownClientNameExitsTwoAndNamesTheConfiguredOnes() {
    CommandRun run = clients("disable", "gamma");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("unknown client gamma").contains("alpha, beta");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void rotatingAnUnknownClientExitsTwo() {
    assertThat(clients("rotate-secret", "gamma").exitCode()).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void configurationErrorExitsTwo() throws IOException {
    Files.writeString(config, "api:\n  targetPrefix: /bad\n");

    CommandRun run = clients("list");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains(config.toString());
  }

  @Test
  void withoutTheServersMasterKeyExitsTwoAndCreatesNoKey() {
    CommandRun run = CommandRun.of(new ClientsCommand(Map.of(), CLOCK), withConfig("list"));

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).startsWith("lakegate clients: no master key").contains(MasterKey.ENVIRONMENT_VARIABLE);
    assertThat(dir.resolve("data").resolve(MasterKey.FILE_NAME)).doesNotExist();
  }

  @Test
  void keysRotateSwitchesTheRunningServerToTheNewKeyAndKeepsTheOldOneInTheJwks() throws Exception {
    String oldKid = server.keys().active().kid();

    CommandRun run = keys("rotate", "--json");

    assertThat(run.exitCode()).isZero();
    JsonNode body = JSON.readTree(run.out());
    String newKid = body.get("kid").asText();
    assertThat(body.get("retired_kid").asText()).isEqualTo(oldKid);
    assertThat(body.get("retired_in_jwks_until").asText()).isEqualTo("2026-03-01T11:01:00Z"); // longest lifetime (beta, 60 min) plus skew
    assertThat(server.keys().active().kid()).isEqualTo(newKid);
    assertThat(server.jwksJson()).contains(oldKid).contains(newKid);
  }

  @Test
  void keysListShowsTheActiveKey() {
    String kid = server.keys().active().kid();

    CommandRun run = keys("list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("KID").contains(kid).contains("active");
  }

  @Test
  void registeredInTheLakegateCommand() {
    Map<String, CommandLine> commands = Main.commandLine().getSubcommands();

    assertThat(commands).hasEntrySatisfying("clients", c -> assertThat(c.getSubcommands())
        .containsKeys("list", "rotate-secret", "disable", "enable"));
    assertThat(commands).hasEntrySatisfying("keys", c -> assertThat(c.getSubcommands()).containsKeys("list", "rotate"));
  }
}
