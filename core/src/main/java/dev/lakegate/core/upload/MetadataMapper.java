package dev.lakegate.core.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds an upload's metadata document ({@code contract.md} §5): one field per configured mapping,
 * holding the value found at its dot path in the request event's API Gateway JSON form. Header
 * names match case-insensitively; a path that leads nowhere yields {@code null} (where the module
 * fails the request).
 */
public final class MetadataMapper {
  private static final Set<String> HEADER_MAPS = Set.of("headers", "multiValueHeaders");

  private final Map<String, List<String>> paths;

  /** @param mappings metadata field to dot path, in the order the fields are written */
  public MetadataMapper(Map<String, String> mappings) {
    Map<String, List<String>> split = new LinkedHashMap<>();
    mappings.forEach((field, path) -> split.put(field, List.of(path.split("\\.", -1))));
    this.paths = split;
  }

  /** The metadata document for one request. */
  public ObjectNode map(RequestEvent event) {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    if (paths.isEmpty()) {
      return document;
    }
    ObjectNode source = RequestEventJson.toJson(event);
    paths.forEach((field, path) -> document.set(field, resolve(source, path)));
    return document;
  }

  private static JsonNode resolve(JsonNode root, List<String> path) {
    JsonNode node = root;
    String parent = "";
    for (String segment : path) {
      if (!node.isObject()) {
        return JsonNodeFactory.instance.nullNode();
      }
      @Nullable JsonNode next = node.get(segment);
      if (next == null && HEADER_MAPS.contains(parent)) {
        next = caseInsensitive(node, segment);
      }
      if (next == null) {
        return JsonNodeFactory.instance.nullNode();
      }
      node = next;
      parent = segment;
    }
    return node.deepCopy();
  }

  private static @Nullable JsonNode caseInsensitive(JsonNode object, String name) {
    for (var entry : object.properties()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
