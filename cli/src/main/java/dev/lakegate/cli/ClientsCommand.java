package dev.lakegate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lakegate.auth.AuthSettings;
import dev.lakegate.auth.AuthorizationServer;
import dev.lakegate.auth.client.AppClient;
import dev.lakegate.auth.client.AppClientRegistry;
import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.auth.client.ClientStatus;
import dev.lakegate.auth.client.ClientSummary;
import dev.lakegate.auth.key.SigningKeys;
import dev.lakegate.auth.store.AuthStateException;
import dev.lakegate.core.config.ConfigLoader;
import dev.lakegate.core.config.LakegateConfig;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lakegate clients list|rotate-secret|disable|enable}: administers the app clients of
 * {@code contract.md} §2 in the data directory of the configuration. The commands work while the
 * server runs and take effect on its very next request. A rotated secret is printed once and
 * never stored in clear. Exit 2 for an unknown client name, a configuration error or an unusable
 * master key.
 */
@Command(
    name = "clients",
    mixinStandardHelpOptions = true,
    description = "List app clients, rotate a client's secret, disable or enable a client.",
    subcommands = CommandLine.HelpCommand.class)
public final class ClientsCommand {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec @Nullable CommandSpec spec;

  private final Map<String, String> environment;
  private final Clock clock;

  public ClientsCommand() {
    this(System.getenv(), Clock.systemUTC());
  }

  ClientsCommand(Map<String, String> environment, Clock clock) {
    this.environment = Map.copyOf(environment);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Show every configured or stored client: name, client id, status, when created and rotated.")
  int list(@Mixin ConfigOptions config, @Mixin JsonOption output) {
    return withServer(config, auth -> {
      List<ClientSummary> clients = auth.clients().overview();
      if (output.json()) {
        printJson(clients.stream().map(ClientsCommand::summaryJson).toList());
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (ClientSummary client : clients) {
          rows.add(List.of(client.name(), client.clientId().orElse("-"), client.status().label(),
              time(client.createdAt()), time(client.secretRotatedAt())));
        }
        printTable(out(), List.of("NAME", "CLIENT ID", "STATUS", "CREATED", "SECRET ROTATED"), rows);
      }
      return 0;
    });
  }

  @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
      description = {"Give a client a new secret and print it once; the old secret stops working at once.",
          "Tokens already issued stay valid until they expire; disable the client to stop them."})
  int rotateSecret(@Mixin ConfigOptions config, @Mixin JsonOption output,
      @Parameters(paramLabel = "NAME", description = "The client's name in appClients.") String name) {
    return withServer(config, auth -> {
      Optional<ClientCredentials> rotated = auth.clients().rotateSecret(name);
      if (rotated.isEmpty()) {
        return unknownClient(auth.clients(), name);
      }
      ClientCredentials credentials = rotated.get();
      if (output.json()) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", credentials.name());
        body.put("client_id", credentials.clientId());
        body.put("client_secret", credentials.clientSecret().reveal());
        printJson(body);
      } else {
        PrintWriter out = out();
        out.println("New secret for client " + credentials.name() + ". It is shown only now: store it safely.");
        out.println("client_id:     " + credentials.clientId());
        out.println("client_secret: " + credentials.clientSecret().reveal());
        out.flush();
      }
      return 0;
    });
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Refuse a client's secret and tokens from the server's next request on.")
  int disable(@Mixin ConfigOptions config, @Mixin JsonOption output,
      @Parameters(paramLabel = "NAME", description = "The client's name in appClients.") String name) {
    return withServer(config, auth -> changeState(auth.clients(), name, output.json(), AppClientRegistry::disable));
  }

  @Command(name = "enable", mixinStandardHelpOptions = true,
      description = "Accept a disabled client again.")
  int enable(@Mixin ConfigOptions config, @Mixin JsonOption output,
      @Parameters(paramLabel = "NAME", description = "The client's name in appClients.") String name) {
    return withServer(config, auth -> changeState(auth.clients(), name, output.json(), AppClientRegistry::enable));
  }

  private int changeState(AppClientRegistry clients, String name, boolean json,
      java.util.function.BiFunction<AppClientRegistry, String, Optional<AppClient>> change) {
    if (!isConfigured(clients, name)) {
      return unknownClient(clients, name);
    }
    Optional<AppClient> changed = change.apply(clients, name);
    if (changed.isEmpty()) {
      err().println("lakegate clients: client " + name + " has not been created yet: start the server once, or run "
          + "'lakegate clients rotate-secret " + name + "' to create it");
      err().flush();
      return Main.EXIT_USAGE;
    }
    ClientStatus status = clients.statusOf(changed.get().clientId()).orElseThrow();
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("client_id", changed.get().clientId());
      body.put("status", status.label());
      printJson(body);
    } else {
      out().println("Client " + name + " (" + changed.get().clientId() + ") is " + status.label() + ".");
      out().flush();
    }
    return 0;
  }

  private static boolean isConfigured(AppClientRegistry clients, String name) {
    return clients.settings(name).isPresent();
  }

  private int unknownClient(AppClientRegistry clients, String name) {
    List<String> configured = clients.overview().stream()
        .filter(c -> c.status() != ClientStatus.REMOVED).map(ClientSummary::name).toList();
    err().println("lakegate clients: unknown client " + name + "; configured clients: "
        + (configured.isEmpty() ? "none" : String.join(", ", configured)));
    err().flush();
    return Main.EXIT_USAGE;
  }

  /**
   * Loads the configuration, opens the authorization state of its data directory with the
   * existing master key, and runs {@code action}; configuration and key problems exit 2.
   */
  private int withServer(ConfigOptions config, Function<AuthorizationServer, Integer> action) {
    return openAndRun(config, environment, clock, spec(), action);
  }

  static int openAndRun(ConfigOptions config, Map<String, String> environment, Clock clock, CommandSpec spec,
      Function<AuthorizationServer, Integer> action) {
    PrintWriter err = spec.commandLine().getErr();
    Optional<LakegateConfig> loaded = config.load(ConfigLoader.withDefaults(), err);
    if (loaded.isEmpty()) {
      return Main.EXIT_USAGE;
    }
    LakegateConfig lakegate = loaded.get();
    AuthSettings settings = new AuthSettings(lakegate.standalone().dataDir(), lakegate.standalone().baseUrl(),
        lakegate.api().appClients(), clock, environment, new SecureRandom(), SigningKeys.Policy.DEFAULT_ROTATION_AGE);
    try {
      return action.apply(AuthorizationServer.openExisting(settings));
    } catch (AuthStateException e) {
      err.println("lakegate " + spec.name() + ": " + e.getMessage());
      err.flush();
      return Main.EXIT_USAGE;
    } catch (UncheckedIOException e) {
      err.println("lakegate " + spec.name() + ": " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  private static Map<String, @Nullable Object> summaryJson(ClientSummary client) {
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("name", client.name());
    row.put("client_id", client.clientId().orElse(null));
    row.put("status", client.status().label());
    row.put("created_at", client.createdAt().map(Instant::toString).orElse(null));
    row.put("secret_rotated_at", client.secretRotatedAt().map(Instant::toString).orElse(null));
    return row;
  }

  /** An instant for a table, to the second; JSON output keeps the full precision. */
  static String time(Optional<Instant> instant) {
    return instant.map(i -> i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()).orElse("-");
  }

  /** Prints rows under headers, each column as wide as its widest cell. */
  static void printTable(PrintWriter out, List<String> headers, List<List<String>> rows) {
    int[] widths = new int[headers.size()];
    for (List<String> row : concat(headers, rows)) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : concat(headers, rows)) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  private static List<List<String>> concat(List<String> headers, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    return all;
  }

  private void printJson(Object value) {
    printJson(out(), value);
  }

  static void printJson(PrintWriter out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings always serialize", e);
    }
  }

  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "spec");
  }

  private PrintWriter out() {
    return spec().commandLine().getOut();
  }

  private PrintWriter err() {
    return spec().commandLine().getErr();
  }
}
