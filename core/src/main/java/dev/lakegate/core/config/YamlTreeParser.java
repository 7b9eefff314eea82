package dev.lakegate.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a YAML document into a {@link YamlNode} tree that remembers lines, using Jackson's
 * streaming YAML parser and its token locations. Duplicate keys are reported (the first one is
 * kept) rather than silently overwritten; a syntax error is reported with its line and ends the
 * parse, since nothing after it can be trusted.
 */
final class YamlTreeParser {
  // A key written with no value must read as null (absent), not as an empty string.
  private static final YAMLFactory FACTORY =
      YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

  private final Problems problems;

  YamlTreeParser(Problems problems) {
    this.problems = problems;
  }

  /** The document's root, or empty when the file is empty or not YAML (problems recorded). */
  Optional<YamlNode> parse(Reader source) throws IOException {
    try (JsonParser parser = FACTORY.createParser(source)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(0, KeyPath.ROOT, "the file is empty; expected a map with an \"api:\" key");
        return Optional.empty();
      }
      YamlNode root = value(parser, KeyPath.ROOT);
      if (parser.nextToken() != null) {
        problems.add(line(parser), KeyPath.ROOT, "more than one YAML document; expected exactly one");
      }
      return Optional.of(root);
    } catch (JsonProcessingException e) {
      problems.add(errorLine(e), KeyPath.ROOT, "YAML syntax error: " + summary(e.getOriginalMessage()));
      return Optional.empty();
    }
  }

  private YamlNode value(JsonParser parser, KeyPath path) throws IOException {
    int line = line(parser);
    return switch (parser.currentToken()) {
      case START_OBJECT -> mapping(parser, path, line);
      case START_ARRAY -> sequence(parser, path, line);
      case VALUE_STRING -> new YamlNode.Scalar(line, parser.getText(), YamlNode.Kind.STRING);
      case VALUE_NUMBER_INT -> new YamlNode.Scalar(line, parser.getText(), YamlNode.Kind.INTEGER);
      case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(line, parser.getText(), YamlNode.Kind.DECIMAL);
      case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(line, parser.getText(), YamlNode.Kind.BOOLEAN);
      case VALUE_NULL -> new YamlNode.Scalar(line, "", YamlNode.Kind.NULL);
      default -> new YamlNode.Scalar(line, parser.getText(), YamlNode.Kind.STRING);
    };
  }

  private YamlNode mapping(JsonParser parser, KeyPath path, int line) throws IOException {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int keyLine = line(parser);
      parser.nextToken();
      YamlNode value = value(parser, path.key(key));
      YamlNode.Entry earlier = entries.get(key);
      if (earlier != null) {
        problems.add(keyLine, path.key(key), "duplicate key (first given on line " + earlier.keyLine() + ")");
      } else {
        entries.put(key, new YamlNode.Entry(keyLine, value));
      }
    }
    return new YamlNode.Mapping(line, entries);
  }

  private YamlNode sequence(JsonParser parser, KeyPath path, int line) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      items.add(value(parser, path.index(items.size())));
    }
    return new YamlNode.Sequence(line, items);
  }

  /**
   * The line of the offending character. The YAML library's own mark is preferred: for some errors
   * (a tab used for indentation) Jackson's location is the line before.
   */
  private static int errorLine(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      return marked.getProblemMark().getLine() + 1;
    }
    return e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
  }

  private static int line(JsonParser parser) {
    return Math.max(1, parser.currentTokenLocation().getLineNr());
  }

  /** The parser's message without the indented snippet, caret and location lines it adds for a terminal. */
  private static String summary(String message) {
    return message.lines()
        .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("at [Source"))
        .map(String::strip)
        .collect(Collectors.joining("; "));
  }
}
