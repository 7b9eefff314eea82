package dev.lakegate.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code {{name}}} placeholders in configuration values from a context map ({@code
 * contract.md} §1). A name is known when it is one of {@link ConfigLoader#PLACEHOLDERS} or the
 * context defines it; an unknown name, or a known one without a value, is a problem naming it.
 */
final class Placeholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

  private final Map<String, String> context;

  Placeholders(Map<String, String> context) {
    this.context = Map.copyOf(context);
  }

  /** The text with every placeholder replaced, or the problems that prevent it. */
  Resolution resolve(String text) {
    if (!text.contains("{{")) {
      return new Resolution(text, List.of());
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    List<String> problems = new ArrayList<>();
    while (m.find()) {
      String name = m.group(1);
      String value = context.get(name);
      if (value == null) {
        problems.add(ConfigLoader.PLACEHOLDERS.contains(name)
            ? "placeholder {{" + name + "}} has no value; give one in the context (--context " + name + "=...)"
            : "unknown placeholder {{" + name + "}} (known: " + String.join(", ", ConfigLoader.PLACEHOLDERS) + ")");
        m.appendReplacement(out, "");
      } else {
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
    }
    m.appendTail(out);
    if (problems.isEmpty() && out.indexOf("{{") >= 0) {
      problems.add("\"" + text + "\" has an unterminated placeholder (write {{name}})");
    }
    return new Resolution(out.toString(), problems);
  }

  /** A resolved text, valid only when {@code problems} is empty. */
  record Resolution(String text, List<String> problems) {
    Resolution {
      problems = List.copyOf(problems);
    }
  }
}
