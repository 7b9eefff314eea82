package dev.lakegate.core.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shared test vector ({@code vectors/<name>.json}): a partner's requests in order, each with
 * the answer, metadata document and stored object both edges must produce. The vector files are
 * listed in {@code vectors/index.json}; {@link VectorRunner} plays them against a {@link VectorEdge}.
 *
 * @param contents named request bodies: {@code {"text": "..."}}, {@code {"fill": "a", "size": n}} or
 *     {@code {"concat": [names of earlier contents]}}
 * @param steps the steps as written; {@link VectorRunner} interprets them
 */
public record TestVector(String name, String description, Map<String, byte[]> contents, List<JsonNode> steps) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public TestVector {
    contents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contents));
    steps = List.copyOf(steps);
  }

  /** Every vector listed in {@code vectors/index.json}, in that order. */
  public static List<TestVector> all() {
    List<TestVector> vectors = new ArrayList<>();
    for (JsonNode name : resource("vectors/index.json")) {
      vectors.add(load(name.asText()));
    }
    return List.copyOf(vectors);
  }

  /** The settings every edge runs the vectors with. */
  public static VectorSettings settings() {
    return VectorSettings.fromJson(resource("vectors/settings.json"));
  }

  static TestVector load(String name) {
    JsonNode root = resource("vectors/" + name + ".json");
    Map<String, byte[]> contents = new LinkedHashMap<>();
    root.path("contents").properties().forEach(e -> contents.put(e.getKey(), content(e.getValue(), contents)));
    List<JsonNode> steps = new ArrayList<>();
    root.path("steps").forEach(steps::add);
    return new TestVector(name, root.path("description").asText(), contents, steps);
  }

  private static byte[] content(JsonNode spec, Map<String, byte[]> earlier) {
    if (spec.has("concat")) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      spec.get("concat").forEach(name -> out.writeBytes(earlier.get(name.asText())));
      return out.toByteArray();
    }
    if (spec.has("text")) {
      return spec.get("text").asText().getBytes(StandardCharsets.UTF_8);
    }
    byte[] bytes = new byte[spec.get("size").asInt()];
    Arrays.fill(bytes, (byte) spec.get("fill").asText().charAt(0));
    return bytes;
  }

  private static JsonNode resource(String path) {
    try (InputStream in = TestVector.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no test vector resource " + path);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The name, so that parameterized tests show which vector ran. */
  @Override
  public String toString() {
    return name;
  }
}
