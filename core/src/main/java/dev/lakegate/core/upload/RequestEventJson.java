package dev.lakegate.core.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RequestEvent} as the JSON document API Gateway sends to a Lambda function (REST proxy
 * integration), in both directions: metadata paths are resolved over this form, and test vectors
 * and the Lambda handler read it. Empty maps are written as {@code null}, as API Gateway does.
 */
public final class RequestEventJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RequestEventJson() {}

  /** The event in API Gateway's JSON shape. */
  public static ObjectNode toJson(RequestEvent event) {
    ObjectNode root = NODES.objectNode();
    root.put("resource", event.resource());
    root.put("path", event.path());
    root.put("httpMethod", event.httpMethod());
    root.set("headers", stringMap(event.headers()));
    ObjectNode multi = NODES.objectNode();
    event.multiValueHeaders().forEach((name, values) -> {
      var array = multi.putArray(name);
      values.forEach(array::add);
    });
    root.set("multiValueHeaders", event.multiValueHeaders().isEmpty() ? NODES.nullNode() : multi);
    root.set("queryStringParameters", stringMap(event.queryStringParameters()));
    root.set("pathParameters", stringMap(event.pathParameters()));
    RequestEvent.RequestContext context = event.requestContext();
    ObjectNode ctx = root.putObject("requestContext");
    ctx.put("requestId", context.requestId());
    ctx.put("requestTime", context.requestTime());
    ctx.put("requestTimeEpoch", context.requestTimeEpoch());
    ctx.put("stage", context.stage());
    ctx.put("resourcePath", context.resourcePath());
    ctx.put("httpMethod", context.httpMethod());
    ObjectNode identity = ctx.putObject("identity");
    identity.put("sourceIp", context.identity().sourceIp());
    identity.put("userAgent", context.identity().userAgent());
    ctx.putObject("authorizer").set("claims", stringMap(context.authorizer().claims()));
    return root;
  }

  /**
   * Reads an event in API Gateway's JSON shape; absent or {@code null} maps read as empty.
   *
   * @throws IllegalArgumentException when a required field ({@code path}, {@code httpMethod},
   *     {@code requestContext.requestId}, ...) is missing
   */
  public static RequestEvent fromJson(JsonNode root) {
    JsonNode ctx = root.path("requestContext");
    JsonNode identity = ctx.path("identity");
    Map<String, List<String>> multi = new LinkedHashMap<>();
    root.path("multiValueHeaders").properties().forEach(e -> {
      List<String> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(v.asText()));
      multi.put(e.getKey(), values);
    });
    return new RequestEvent(
        textOr(root, "resource", RequestEvent.RESOURCE),
        required(root, "path"),
        required(root, "httpMethod"),
        readStringMap(root.path("headers")),
        multi,
        readStringMap(root.path("queryStringParameters")),
        readStringMap(root.path("pathParameters")),
        new RequestEvent.RequestContext(
            required(ctx, "requestId"),
            textOr(ctx, "requestTime", ""),
            ctx.path("requestTimeEpoch").asLong(0),
            textOr(ctx, "stage", ""),
            textOr(ctx, "resourcePath", RequestEvent.RESOURCE),
            textOr(ctx, "httpMethod", required(root, "httpMethod")),
            new RequestEvent.Identity(textOr(identity, "sourceIp", ""), nullableText(identity, "userAgent")),
            new RequestEvent.Authorizer(readStringMap(ctx.path("authorizer").path("claims")))));
  }

  /** Parses an event from its JSON text. */
  public static RequestEvent fromJson(ObjectMapper mapper, String json) throws java.io.IOException {
    return fromJson(mapper.readTree(json));
  }

  private static JsonNode stringMap(Map<String, String> map) {
    if (map.isEmpty()) {
      return NODES.nullNode();
    }
    ObjectNode node = NODES.objectNode();
    map.forEach(node::put);
    return node;
  }

  private static Map<String, String> readStringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.properties().forEach(e -> {
      if (!e.getValue().isNull()) {
        map.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
      }
    });
    return map;
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("request event has no " + field);
    }
    return value.asText();
  }

  private static String textOr(JsonNode node, String field, String fallback) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? fallback : value.asText();
  }

  private static @Nullable String nullableText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
