package dev.lakegate.cli;

import dev.lakegate.auth.key.SigningKey;
import dev.lakegate.auth.key.SigningKeys;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lakegate keys list|rotate}: the RS256 signing keys of the data directory ({@code
 * contract.md} §2, §8). A rotation makes a new key sign from the server's next token on; the old
 * key's public half stays in the JWKS until every token it signed has expired. The server also
 * rotates by itself once the active key is 90 days old.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "List the token signing keys, or rotate to a new one.",
    subcommands = CommandLine.HelpCommand.class)
public final class KeysCommand {
  @Spec @Nullable CommandSpec spec;

  private final Map<String, String> environment;
  private final Clock clock;

  public KeysCommand() {
    this(System.getenv(), Clock.systemUTC());
  }

  KeysCommand(Map<String, String> environment, Clock clock) {
    this.environment = Map.copyOf(environment);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Show every signing key: key id, status (active, retired, unpublished) and its times.")
  int list(@Mixin ConfigOptions config, @Mixin JsonOption output) {
    return ClientsCommand.openAndRun(config, environment, clock, spec(), auth -> {
      List<SigningKey> keys = auth.keys().list();
      Instant now = clock.instant();
      if (output.json()) {
        ClientsCommand.printJson(out(), keys.stream().map(k -> keyJson(k, now)).toList());
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (SigningKey key : keys) {
          rows.add(List.of(key.kid(), status(key, now), ClientsCommand.time(Optional.of(key.createdAt())),
              ClientsCommand.time(key.retiredAt()),
              ClientsCommand.time(key.publishedUntil())));
        }
        ClientsCommand.printTable(out(), List.of("KID", "STATUS", "CREATED", "RETIRED", "IN JWKS UNTIL"), rows);
        if (keys.isEmpty()) {
          out().println("No signing key yet: the server creates one when it starts.");
          out().flush();
        }
      }
      return 0;
    });
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Create a new signing key and retire the active one; tokens it signed stay valid until they expire.")
  int rotate(@Mixin ConfigOptions config, @Mixin JsonOption output) {
    return ClientsCommand.openAndRun(config, environment, clock, spec(), auth -> {
      Optional<SigningKey> previous = auth.keys().list().stream().filter(SigningKey::active).findFirst();
      SigningKey created = auth.keys().rotate();
      Optional<SigningKey> retired = previous.flatMap(p -> auth.keys().list().stream()
          .filter(k -> k.kid().equals(p.kid())).findFirst());
      if (output.json()) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("kid", created.kid());
        body.put("created_at", created.createdAt().toString());
        body.put("retired_kid", retired.map(SigningKey::kid).orElse(null));
        body.put("retired_in_jwks_until", retired.flatMap(SigningKey::publishedUntil).map(Instant::toString).orElse(null));
        ClientsCommand.printJson(out(), body);
      } else {
        PrintWriter out = out();
        out.println("New signing key " + created.kid() + " is active.");
        retired.ifPresent(k -> out.println("Retired key " + k.kid() + " stays in the JWKS until "
            + ClientsCommand.time(k.publishedUntil()) + "."));
        out.flush();
      }
      return 0;
    });
  }

  private static String status(SigningKey key, Instant now) {
    if (key.active()) {
      return "active";
    }
    return key.publishedAt(now) ? "retired" : "unpublished";
  }

  private static Map<String, @Nullable Object> keyJson(SigningKey key, Instant now) {
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("kid", key.kid());
    row.put("status", status(key, now));
    row.put("created_at", key.createdAt().toString());
    row.put("retired_at", key.retiredAt().map(Instant::toString).orElse(null));
    row.put("in_jwks_until", key.publishedUntil().map(Instant::toString).orElse(null));
    return row;
  }

  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "spec");
  }

  private PrintWriter out() {
    return spec().commandLine().getOut();
  }
}
