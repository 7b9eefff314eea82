package dev.lakegate.core.config;

import dev.lakegate.core.net.Cidr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Reads the keys of one YAML map by name, recording a problem for a missing required key, an
 * unknown key or a bad value. A key written with no value ({@code stageName:}) counts as absent.
 * Problems about a missing key point at the line of the map's own key (or its first line).
 */
final class MappingReader {
  private final ValueReader values;
  private final YamlNode.Mapping node;
  private final KeyPath path;
  private final int line;

  private MappingReader(ValueReader values, YamlNode.Mapping node, KeyPath path, int line) {
    this.values = values;
    this.node = node;
    this.path = path;
    this.line = line;
  }

  /** A reader on the item when it is a map, else a problem. {@code line} is where missing keys are reported. */
  static Optional<MappingReader> of(ValueReader values, Item item, int line) {
    if (item.node() instanceof YamlNode.Mapping mapping) {
      return Optional.of(new MappingReader(values, mapping, item.path(), line));
    }
    values.problem(item.node(), item.path(), "expected a map, found " + item.node().describe());
    return Optional.empty();
  }

  /** A reader on a map that has no keys, for a section left empty or absent. */
  static MappingReader empty(ValueReader values, KeyPath path, int line) {
    return new MappingReader(values, new YamlNode.Mapping(line, Map.of()), path, line);
  }

  /** A located value: the node, its key path and the line of its key (or of the value, in a list). */
  record Item(YamlNode node, KeyPath path, int keyLine) {}

  KeyPath path() {
    return path;
  }

  int line() {
    return line;
  }

  ValueReader values() {
    return values;
  }

  /** Reports every key not in {@code known}, suggesting the key meant when the spelling is close. */
  void allowOnly(List<String> known) {
    node.entries().forEach((key, entry) -> {
      if (!known.contains(key)) {
        String hint = known.stream().filter(k -> resembles(k, key)).findFirst()
            .map(k -> "did you mean \"" + k + "\"?")
            .orElse("expected one of: " + String.join(", ", known));
        values.problem(entry.keyLine(), path.key(key), "unknown key (" + hint + ")");
      }
    });
  }

  /** Same word but for case, or one a prefix of the other ({@code refreshTokenValidity}). */
  private static boolean resembles(String known, String written) {
    String k = known.toLowerCase(Locale.ROOT);
    String w = written.toLowerCase(Locale.ROOT);
    return w.length() >= 4 && (k.startsWith(w) || w.startsWith(k));
  }

  /**
   * Calls {@code action} for every entry in file order (values with no value included), after
   * checking the key against {@code keyRule}; entries whose key breaks the rule are reported and
   * skipped.
   */
  void forEachEntry(ValueReader.TextRule keyRule, BiConsumer<String, Item> action) {
    node.entries().forEach((key, entry) -> {
      Optional<String> wrong = keyRule.problemWith(key);
      if (wrong.isPresent()) {
        values.problem(entry.keyLine(), path.key(key), wrong.get());
      } else {
        action.accept(key, new Item(entry.value(), path.key(key), entry.keyLine()));
      }
    });
  }

  Optional<Item> optional(String key) {
    YamlNode.Entry entry = node.entries().get(key);
    if (entry == null || (entry.value() instanceof YamlNode.Scalar s && s.isNull())) {
      return Optional.empty();
    }
    return Optional.of(new Item(entry.value(), path.key(key), entry.keyLine()));
  }

  Optional<Item> required(String key) {
    YamlNode.Entry entry = node.entries().get(key);
    if (entry == null) {
      values.problem(line, path.key(key), "required key is missing");
      return Optional.empty();
    }
    if (entry.value() instanceof YamlNode.Scalar s && s.isNull()) {
      values.problem(entry.keyLine(), path.key(key), "required key has no value");
      return Optional.empty();
    }
    return Optional.of(new Item(entry.value(), path.key(key), entry.keyLine()));
  }

  /** True when the key is written, even with no value. */
  boolean containsKey(String key) {
    return node.entries().containsKey(key);
  }

  boolean isEmpty() {
    return node.entries().isEmpty();
  }

  /** True when the key is written with a value. */
  boolean has(String key) {
    return optional(key).isPresent();
  }

  Optional<String> requiredText(String key, ValueReader.TextRule rule) {
    return required(key).flatMap(i -> values.text(i.node(), i.path(), rule));
  }

  Optional<String> optionalText(String key, ValueReader.TextRule rule) {
    return optional(key).flatMap(i -> values.text(i.node(), i.path(), rule));
  }

  Optional<Integer> requiredInt(String key, int min, int max) {
    return required(key).flatMap(i -> values.integer(i.node(), i.path(), min, max));
  }

  Optional<Integer> optionalInt(String key, int min, int max) {
    return optional(key).flatMap(i -> values.integer(i.node(), i.path(), min, max));
  }

  Optional<Boolean> optionalBool(String key) {
    return optional(key).flatMap(i -> values.bool(i.node(), i.path()));
  }

  Optional<Duration> optionalDuration(String key) {
    return optional(key).flatMap(i -> values.duration(i.node(), i.path()));
  }

  /** The items of a list value, each with its own path ({@code key[i]}); a non-list is a problem. */
  Optional<List<Item>> list(Item item) {
    if (!(item.node() instanceof YamlNode.Sequence sequence)) {
      values.problem(item.node(), item.path(), "expected a list, found " + item.node().describe());
      return Optional.empty();
    }
    List<Item> items = new ArrayList<>();
    for (YamlNode element : sequence.items()) {
      items.add(new Item(element, item.path().index(items.size()), element.line()));
    }
    return Optional.of(items);
  }

  /** The CIDR blocks of a list value; empty (with problems recorded) when any item is not one. */
  Optional<List<Cidr>> cidrs(Item item) {
    Optional<List<Item>> items = list(item);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<Cidr> cidrs = new ArrayList<>();
    items.get().forEach(i -> values.cidr(i.node(), i.path()).ifPresent(cidrs::add));
    return cidrs.size() == items.get().size() ? Optional.of(cidrs) : Optional.empty();
  }

  /** A nested map; a key with no value reads as an empty map. */
  Optional<MappingReader> optionalMapping(String key) {
    YamlNode.Entry entry = node.entries().get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.value() instanceof YamlNode.Scalar s && s.isNull()) {
      return Optional.of(empty(values, path.key(key), entry.keyLine()));
    }
    return of(values, new Item(entry.value(), path.key(key), entry.keyLine()), entry.keyLine());
  }

  Optional<MappingReader> requiredMapping(String key) {
    return required(key).flatMap(i -> of(values, i, i.keyLine()));
  }
}
