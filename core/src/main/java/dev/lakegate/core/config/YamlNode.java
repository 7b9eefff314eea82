package dev.lakegate.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it was found on: the located tree that validation walks, so that every
 * problem can name its line ({@code contract.md} §1). Built by {@link YamlTreeParser}.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

  /** 1-based line where the value starts. */
  int line();

  /** What the value is, for messages: "a map", "a list", "a string", ... */
  String describe();

  /** A map value and the line of each of its keys, in file order. */
  record Mapping(int line, Map<String, Entry> entries) implements YamlNode {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String describe() {
      return "a map";
    }
  }

  /** One key of a map: the line the key is written on and its value. */
  record Entry(int keyLine, YamlNode value) {}

  /** A list value. */
  record Sequence(int line, List<YamlNode> items) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A single value, kept as written, with the type YAML gives it. */
  record Scalar(int line, String text, Kind kind) implements YamlNode {
    @Override
    public String describe() {
      return switch (kind) {
        case STRING -> "a string";
        case INTEGER -> "a number";
        case DECIMAL -> "a decimal number";
        case BOOLEAN -> "a boolean";
        case NULL -> "no value";
      };
    }

    boolean isNull() {
      return kind == Kind.NULL;
    }
  }

  /** The type of a scalar, as the YAML parser resolved it. */
  enum Kind {
    STRING,
    INTEGER,
    DECIMAL,
    BOOLEAN,
    NULL
  }
}
