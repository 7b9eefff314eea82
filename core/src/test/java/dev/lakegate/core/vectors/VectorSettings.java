package dev.lakegate.core.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.core.upload.UploadSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one configuration every edge runs the vectors with ({@code vectors/settings.json}): the
 * bucket, the prefixes, the request parameters and the metadata mappings.
 */
public record VectorSettings(
    String bucket,
    String targetPrefix,
    String metadataTargetPrefix,
    Map<String, Boolean> requestParameters,
    Map<String, String> eventMetadataMappings) {

  public VectorSettings {
    requestParameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requestParameters));
    eventMetadataMappings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(eventMetadataMappings));
  }

  /** The upload settings of these vectors, with the contract's 600-second URLs. */
  public UploadSettings uploadSettings() {
    return new UploadSettings(
        targetPrefix, metadataTargetPrefix, requestParameters, eventMetadataMappings, UploadSettings.DEFAULT_URL_VALIDITY);
  }

  static VectorSettings fromJson(JsonNode root) {
    Map<String, Boolean> parameters = new LinkedHashMap<>();
    root.path("requestParameters").properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asBoolean()));
    Map<String, String> mappings = new LinkedHashMap<>();
    root.path("eventMetadataMappings").properties().forEach(e -> mappings.put(e.getKey(), e.getValue().asText()));
    return new VectorSettings(
        root.get("bucket").asText(),
        root.get("targetPrefix").asText(),
        root.get("metadataTargetPrefix").asText(),
        parameters,
        mappings);
  }
}
