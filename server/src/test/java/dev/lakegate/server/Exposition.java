package dev.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the meters of a {@code GET /metrics} answer (Prometheus text format) in tests. */
final class Exposition {
  private Exposition() {}

  /** The value of an untagged counter; fails the test when the exposition has none of that name. */
  static double counter(String exposition, String name) {
    Matcher value = Pattern.compile("^" + name + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
    assertThat(value.find()).as(name + " in " + exposition).isTrue();
    return Double.parseDouble(value.group(1));
  }
}
