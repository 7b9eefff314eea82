package dev.lakegate.core.config;

import dev.lakegate.core.net.Cidr;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns located YAML values into typed ones, recording a problem (and returning empty) for a wrong
 * type or a value that breaks its rule. Text values have their placeholders resolved first, so
 * rules see the final value. Wrong types are problems at their path, never exceptions.
 */
final class ValueReader {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private final Problems problems;
  private final Placeholders placeholders;

  ValueReader(Problems problems, Placeholders placeholders) {
    this.problems = problems;
    this.placeholders = placeholders;
  }

  /** A rule on a text value: empty when the value is fine, else what is wrong with it. */
  @FunctionalInterface
  interface TextRule {
    TextRule ANY = value -> Optional.empty();
    TextRule NON_EMPTY = value -> value.isBlank() ? Optional.of("must not be empty") : Optional.empty();

    Optional<String> problemWith(String value);
  }

  void problem(YamlNode node, KeyPath path, String message) {
    problems.add(node.line(), path, message);
  }

  void problem(int line, KeyPath path, String message) {
    problems.add(line, path, message);
  }

  /** A scalar's text with placeholders resolved, checked by the rule. Numbers and booleans count as text. */
  Optional<String> text(YamlNode node, KeyPath path, TextRule rule) {
    if (!(node instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
      problem(node, path, "expected a text value, found " + node.describe());
      return Optional.empty();
    }
    Placeholders.Resolution resolved = placeholders.resolve(scalar.text());
    if (!resolved.problems().isEmpty()) {
      resolved.problems().forEach(p -> problem(node, path, p));
      return Optional.empty();
    }
    Optional<String> wrong = rule.problemWith(resolved.text());
    wrong.ifPresent(p -> problem(node, path, p));
    return wrong.isPresent() ? Optional.empty() : Optional.of(resolved.text());
  }

  /** An IPv4 CIDR block; {@link Cidr#parse} says what is wrong (not a CIDR, /33, host bits set). */
  Optional<Cidr> cidr(YamlNode node, KeyPath path) {
    return text(node, path, TextRule.ANY).flatMap(text -> {
      try {
        return Optional.of(Cidr.parse(text.strip()));
      } catch (IllegalArgumentException e) {
        problem(node, path, Objects.requireNonNullElse(e.getMessage(), "\"" + text + "\" is not an IPv4 CIDR"));
        return Optional.empty();
      }
    });
  }

  /** A whole number within [min, max]. Quoted numbers are text, not numbers, and are rejected. */
  Optional<Integer> integer(YamlNode node, KeyPath path, int min, int max) {
    String range = min + ".." + (max == Integer.MAX_VALUE ? "" : String.valueOf(max));
    if (!(node instanceof YamlNode.Scalar scalar) || scalar.kind() != YamlNode.Kind.INTEGER) {
      problem(node, path, "expected a whole number (" + range + "), found " + describe(node));
      return Optional.empty();
    }
    BigInteger value;
    try {
      value = new BigInteger(scalar.text());
    } catch (NumberFormatException e) {
      problem(node, path, scalar.text() + " is not a decimal whole number");
      return Optional.empty();
    }
    if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
      problem(node, path, scalar.text() + " is out of range (" + range + ")");
      return Optional.empty();
    }
    return Optional.of(value.intValueExact());
  }

  /** {@code true} or {@code false}; YAML 1.1's {@code yes}/{@code on} are rejected as ambiguous. */
  Optional<Boolean> bool(YamlNode node, KeyPath path) {
    if (node instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Kind.BOOLEAN) {
      String text = scalar.text().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Optional.of(text.equals("true"));
      }
    }
    problem(node, path, "expected true or false, found " + describe(node));
    return Optional.empty();
  }

  /**
   * A positive duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 7d}, or ISO-8601
   * ({@code PT30S}, {@code P7D}).
   */
  Optional<Duration> duration(YamlNode node, KeyPath path) {
    Optional<String> text = text(node, path, TextRule.ANY);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> parsed = parseDuration(text.get().strip());
    if (parsed.isEmpty() || parsed.get().isNegative() || parsed.get().isZero()) {
      problem(node, path, "\"" + text.get() + "\" is not a positive duration (e.g. 30s, 5m, 12h, 7d or PT30S)");
      return Optional.empty();
    }
    return parsed;
  }

  private static Optional<Duration> parseDuration(String text) {
    Matcher m = SHORT_DURATION.matcher(text);
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return Optional.of(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      });
    }
    try {
      return Optional.of(Duration.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String describe(YamlNode node) {
    if (node instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
      return node.describe() + " (" + scalar.text() + ")";
    }
    return node.describe();
  }
}
