package dev.lakegate.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays a {@link TestVector} against a {@link VectorEdge} and asserts every answer, metadata
 * document and stored object. Step kinds: {@code call} (an upload-API request, with {@code expect},
 * optional {@code save} of response fields into variables and {@code metadata} to compare with the
 * upload's metadata document), {@code put} (a partner's upload to a presigned URL), {@code object}
 * (a stored object equals a named content) and {@code absent} (no object at a key).
 *
 * <p>Strings may hold placeholders: {@code {{name}}} a saved variable (also {@code targetPrefix},
 * {@code metadataTargetPrefix}), {@code {{md5:content}}} the base64 MD5 of a named content,
 * {@code {{client:name}}} the edge's id of a client. In expectations, {@code {{any}}},
 * {@code {{any-uuid}}}, {@code {{any-url}}} and {@code {{etag:N}}} match a kind of value.
 */
public final class VectorRunner {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");
  private static final Pattern UUID_V4 =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  private final TestVector vector;
  private final VectorEdge edge;
  private final VectorSettings settings;
  private final Map<String, String> variables = new HashMap<>();

  private VectorRunner(TestVector vector, VectorEdge edge, VectorSettings settings) {
    this.vector = vector;
    this.edge = edge;
    this.settings = settings;
    variables.put("targetPrefix", settings.targetPrefix());
    variables.put("metadataTargetPrefix", settings.metadataTargetPrefix());
  }

  /** Plays {@code vector} against {@code edge}, configured with {@code settings}; fails at the first difference. */
  public static void run(TestVector vector, VectorEdge edge, VectorSettings settings) {
    new VectorRunner(vector, edge, settings).run();
  }

  private void run() {
    List<JsonNode> steps = vector.steps();
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      String where = vector.name() + " step " + (i + 1);
      if (step.has("call")) {
        call(where, step);
      } else if (step.has("put")) {
        put(where, step.get("put"), step.path("expect"));
      } else if (step.has("object")) {
        byte[] expected = content(step.path("object").path("content").asText());
        assertThat(edge.read(resolve(step.path("object").path("key").asText())))
            .as(where + ": stored object").hasValueSatisfying(actual -> assertThat(actual).isEqualTo(expected));
      } else if (step.has("absent")) {
        assertThat(edge.read(resolve(step.get("absent").asText()))).as(where + ": no object").isEmpty();
      } else {
        throw new IllegalStateException(where + ": unknown step kind " + step.fieldNames().next());
      }
    }
  }

  private void call(String where, JsonNode step) {
    JsonNode spec = step.get("call");
    VectorCall call = new VectorCall(
        spec.path("operation").asText(),
        spec.path("client").asText("partner-a"),
        resolveAll(spec.path("query")),
        resolveAll(spec.path("headers")),
        spec.path("sourceIp").asText("127.0.0.1"));
    VectorResponse response = edge.call(call);
    JsonNode body = parse(response.body(), where);
    JsonNode expect = step.path("expect");
    assertThat(response.status()).as(where + ": status of " + response.body()).isEqualTo(expect.path("status").asInt());
    if (expect.has("body")) {
      match(expect.get("body"), body, where + ": body");
    }
    step.path("save").properties().forEach(e -> variables.put(e.getKey(), body.path(e.getValue().asText()).asText()));
    if (step.has("metadata")) {
      String key = settings.metadataTargetPrefix() + "/" + body.path("uuid").asText() + ".metadata.json";
      Optional<byte[]> document = edge.read(key);
      assertThat(document).as(where + ": metadata object " + key).isPresent();
      match(step.get("metadata"), parse(new String(document.get(), java.nio.charset.StandardCharsets.UTF_8), where),
          where + ": metadata");
    }
  }

  private void put(String where, JsonNode spec, JsonNode expect) {
    byte[] body = content(spec.path("content").asText());
    String md5 = spec.has("md5") ? resolve(spec.get("md5").asText()) : md5(body);
    int status = edge.put(URI.create(resolve(spec.path("url").asText())), md5, body);
    assertThat(status).as(where + ": PUT status").isEqualTo(expect.path("status").asInt(200));
  }

  private void match(JsonNode expected, JsonNode actual, String where) {
    if (expected.isObject()) {
      assertThat(actual.isObject()).as(where + " is an object: " + actual).isTrue();
      List<String> expectedNames = new ArrayList<>();
      expected.fieldNames().forEachRemaining(expectedNames::add);
      List<String> actualNames = new ArrayList<>();
      actual.fieldNames().forEachRemaining(actualNames::add);
      assertThat(actualNames).as(where + " fields").containsExactlyInAnyOrderElementsOf(expectedNames);
      expected.properties().forEach(e -> match(e.getValue(), actual.get(e.getKey()), where + "." + e.getKey()));
    } else if (expected.isArray()) {
      assertThat(actual.isArray() && actual.size() == expected.size()).as(where + " = " + expected + " but was " + actual).isTrue();
      for (int i = 0; i < expected.size(); i++) {
        match(expected.get(i), actual.get(i), where + "[" + i + "]");
      }
    } else if (expected.isTextual()) {
      matchText(expected.asText(), actual, where);
    } else {
      assertThat(actual).as(where).isEqualTo(expected);
    }
  }

  private void matchText(String expected, JsonNode actual, String where) {
    switch (expected) {
      case "{{any}}" -> assertThat(actual.isNull() || actual.isMissingNode()).as(where + " present").isFalse();
      case "{{any-uuid}}" -> assertThat(actual.asText()).as(where).matches(UUID_V4);
      case "{{any-url}}" -> assertThat(actual.asText()).as(where).matches("https?://\\S+");
      default -> {
        Matcher etag = Pattern.compile("\\{\\{etag:(\\d+)}}").matcher(expected);
        if (etag.matches()) {
          assertThat(actual.asText()).as(where).matches("\"?[0-9a-f]{32}-" + etag.group(1) + "\"?");
        } else {
          assertThat(actual.isTextual()).as(where + " is text: " + actual).isTrue();
          assertThat(actual.asText()).as(where).isEqualTo(resolve(expected));
        }
      }
    }
  }

  private Map<String, String> resolveAll(JsonNode object) {
    Map<String, String> resolved = new LinkedHashMap<>();
    object.properties().forEach(e -> resolved.put(e.getKey(), resolve(e.getValue().asText())));
    return resolved;
  }

  private String resolve(String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String value(String placeholder) {
    if (placeholder.startsWith("md5:")) {
      return md5(content(placeholder.substring(4)));
    }
    if (placeholder.startsWith("client:")) {
      return edge.clientId(placeholder.substring(7));
    }
    String value = variables.get(placeholder);
    if (value == null) {
      throw new IllegalStateException(vector.name() + ": no variable " + placeholder);
    }
    return value;
  }

  private byte[] content(String name) {
    byte[] content = vector.contents().get(name);
    if (content == null) {
      throw new IllegalStateException(vector.name() + ": no content " + name);
    }
    return content;
  }

  private static JsonNode parse(String text, String where) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(where + ": not JSON: " + text, e);
    }
  }

  static String md5(byte[] body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}
