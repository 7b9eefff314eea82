package dev.lakegate.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.core.upload.UploadSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The integration function's configuration, read from its environment variables under the names
 * the module's function uses ({@code TARGET_BUCKET}, {@code TARGET_PREFIX},
 * {@code METADATA_TARGET_PREFIX}, {@code EVENT_METADATA_MAPPINGS}, {@code EXPIRY_TIME_SECONDS},
 * {@code LOG_LEVEL}), plus {@code REQUEST_PARAMETERS} so that the function applies the same request
 * rules as the standalone server, and the SDK's own {@code AWS_REGION} and
 * {@code AWS_ENDPOINT_URL_S3}. Every problem is reported at once, at cold start.
 *
 * @param endpoint an S3-compatible endpoint (path-style addressing); absent on AWS
 * @param logLevel an SLF4J level name in lower case
 */
public record FunctionEnvironment(
    String bucket, UploadSettings upload, Optional<String> region, Optional<URI> endpoint, String logLevel) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_EXPIRY_SECONDS = Duration.ofDays(7).toSeconds();
  private static final Map<String, String> LOG_LEVELS = Map.of(
      "TRACE", "trace", "DEBUG", "debug", "INFO", "info", "WARN", "warn", "WARNING", "warn",
      "ERROR", "error", "CRITICAL", "error");

  public FunctionEnvironment {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(upload, "upload");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(logLevel, "logLevel");
  }

  /**
   * Reads the environment.
   *
   * @throws IllegalStateException naming every missing or malformed variable
   */
  public static FunctionEnvironment from(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    String bucket = required(env, "TARGET_BUCKET", problems);
    String prefix = prefix("TARGET_PREFIX", required(env, "TARGET_PREFIX", problems), problems);
    String metadataPrefix = prefix("METADATA_TARGET_PREFIX", optional(env, "METADATA_TARGET_PREFIX").orElse(prefix), problems);
    Map<String, String> mappings = jsonObject(env, "EVENT_METADATA_MAPPINGS", problems, JsonNode::isTextual, JsonNode::asText);
    Map<String, Boolean> parameters = jsonObject(env, "REQUEST_PARAMETERS", problems, JsonNode::isBoolean, JsonNode::asBoolean);
    Duration validity = expiry(env, problems);
    String logLevel = optional(env, "LOG_LEVEL").map(v -> v.toUpperCase(Locale.ROOT)).orElse("INFO");
    if (!LOG_LEVELS.containsKey(logLevel)) {
      problems.add("LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR: \"" + logLevel + "\"");
    }
    Optional<URI> endpoint = optional(env, "AWS_ENDPOINT_URL_S3").or(() -> optional(env, "AWS_ENDPOINT_URL")).map(URI::create);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid function environment: " + String.join("; ", problems));
    }
    UploadSettings upload = new UploadSettings(prefix, metadataPrefix, parameters, mappings, validity);
    return new FunctionEnvironment(
        bucket, upload, optional(env, "AWS_REGION"), endpoint, LOG_LEVELS.getOrDefault(logLevel, "info"));
  }

  /** The slf4j level for {@code LOG_LEVEL}; {@code info} when absent or unknown ({@link #from} reports the latter). */
  static String slf4jLevel(Map<String, String> env) {
    return LOG_LEVELS.getOrDefault(optional(env, "LOG_LEVEL").orElse("INFO").toUpperCase(Locale.ROOT), "info");
  }

  private static String required(Map<String, String> env, String name, List<String> problems) {
    Optional<String> value = optional(env, name);
    if (value.isEmpty()) {
      problems.add(name + " is required");
    }
    return value.orElse("");
  }

  private static Optional<String> optional(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** The contract's prefix rule (§1): no leading or trailing {@code /}, no empty, {@code .} or {@code ..} segment. */
  private static String prefix(String name, String value, List<String> problems) {
    if (value.isEmpty()) {
      return value;
    }
    boolean badSegment = false;
    for (String segment : value.split("/", -1)) {
      badSegment |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
    }
    if (badSegment) {
      problems.add(name + " must be a key prefix without leading or trailing '/' and without '.' or '..' segments: \"" + value + "\"");
    }
    return value;
  }

  private static <T> Map<String, T> jsonObject(
      Map<String, String> env,
      String name,
      List<String> problems,
      Predicate<JsonNode> valueKind,
      Function<JsonNode, T> read) {
    Map<String, T> result = new LinkedHashMap<>();
    Optional<String> text = optional(env, name);
    if (text.isEmpty()) {
      return result;
    }
    JsonNode root;
    try {
      root = JSON.readTree(text.get());
    } catch (JsonProcessingException e) {
      problems.add(name + " is not JSON: " + e.getOriginalMessage());
      return result;
    }
    if (root == null || !root.isObject()) {
      problems.add(name + " must be a JSON object");
      return result;
    }
    root.properties().forEach(entry -> {
      if (valueKind.test(entry.getValue())) {
        result.put(entry.getKey(), read.apply(entry.getValue()));
      } else {
        problems.add(name + "." + entry.getKey() + " has a value of the wrong type: " + entry.getValue());
      }
    });
    return result;
  }

  private static Duration expiry(Map<String, String> env, List<String> problems) {
    Optional<String> text = optional(env, "EXPIRY_TIME_SECONDS");
    if (text.isEmpty()) {
      return UploadSettings.DEFAULT_URL_VALIDITY;
    }
    try {
      long seconds = Long.parseLong(text.get());
      if (seconds >= 1 && seconds <= MAX_EXPIRY_SECONDS) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    problems.add("EXPIRY_TIME_SECONDS must be a whole number of seconds from 1 to " + MAX_EXPIRY_SECONDS + ": \"" + text.get() + "\"");
    return UploadSettings.DEFAULT_URL_VALIDITY;
  }
}
