package dev.lakegate.bench.scenario;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A figure set against its limit, as the targets of {@code docs/benchmarks.md} state them:
 * {@code measured / limit}, and whether it reaches the target, when there is one.
 */
public record Ratio(String name, double measured, double limit, OptionalDouble target) {

  public Ratio {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(target, "target");
  }

  /** A ratio that must reach {@code target}. */
  public static Ratio atLeast(String name, double measured, double limit, double target) {
    return new Ratio(name, measured, limit, OptionalDouble.of(target));
  }

  /** A ratio reported for comparison only. */
  public static Ratio reported(String name, double measured, double limit) {
    return new Ratio(name, measured, limit, OptionalDouble.empty());
  }

  public double value() {
    return limit <= 0 ? 0 : measured / limit;
  }

  /** True when there is a target and the ratio reaches it. */
  public boolean met() {
    return target.isPresent() && value() >= target.getAsDouble();
  }

  public String summary() {
    String verdict = target.isPresent()
        ? String.format(Locale.ROOT, "(target >= %.2f: %s)", target.getAsDouble(), met() ? "met" : "missed")
        : "(no target)";
    return String.format(Locale.ROOT, "%-44s %6.2f  %s", name, value(), verdict);
  }
}
