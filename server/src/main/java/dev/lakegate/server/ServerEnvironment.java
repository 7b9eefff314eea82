package dev.lakegate.server;

import dev.lakegate.core.lake.Lake;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What the server takes from outside the configuration file: the process environment (for {@code
 * LAKEGATE_MASTER_KEY}), the clock and the randomness, all injected so tests can control them, and
 * a decorator around the lake the upload operations use (identity in production; tests wrap it to
 * hold requests in flight).
 */
public record ServerEnvironment(Map<String, String> variables, Clock clock, SecureRandom random, UnaryOperator<Lake> lakeDecorator) {
  public ServerEnvironment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(lakeDecorator, "lakeDecorator");
  }

  /** The running process: its environment, the system clock, a strong random source. */
  public static ServerEnvironment system() {
    return new ServerEnvironment(System.getenv(), Clock.systemUTC(), new SecureRandom(), UnaryOperator.identity());
  }

  /** The same environment with another lake decorator. */
  public ServerEnvironment withLakeDecorator(UnaryOperator<Lake> decorator) {
    return new ServerEnvironment(variables, clock, random, decorator);
  }

  @Override
  public String toString() {
    // The variables may hold the master key.
    return "ServerEnvironment[" + variables.size() + " variables, clock=" + clock + "]";
  }
}
