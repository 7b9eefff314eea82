package dev.lakegate.core.upload;

import dev.lakegate.core.config.ApiConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the upload operations need to know: where objects and metadata go, the configured request
 * parameters, the metadata mappings and how long presigned URLs stay valid. The standalone server
 * takes it from {@link ApiConfig}; the Lambda handler from the module's environment variables.
 *
 * @param requestParameters query parameter name to "required", in configuration order
 * @param eventMetadataMappings metadata field to dot path into the request event, in order
 */
public record UploadSettings(
    String targetPrefix,
    String metadataTargetPrefix,
    Map<String, Boolean> requestParameters,
    Map<String, String> eventMetadataMappings,
    Duration urlValidity) {

  /** The module's presigned URL lifetime: 600 seconds. */
  public static final Duration DEFAULT_URL_VALIDITY = Duration.ofMinutes(10);

  public UploadSettings {
    Objects.requireNonNull(targetPrefix, "targetPrefix");
    Objects.requireNonNull(metadataTargetPrefix, "metadataTargetPrefix");
    requestParameters = Collections.unmodifiableMap(new LinkedHashMap<>(requestParameters));
    eventMetadataMappings = Collections.unmodifiableMap(new LinkedHashMap<>(eventMetadataMappings));
    if (urlValidity.isNegative() || urlValidity.isZero() || urlValidity.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("URL validity must be between 1 second and 7 days: " + urlValidity);
    }
  }

  /** The settings of a loaded configuration, with the module's 600-second URL validity. */
  public static UploadSettings from(ApiConfig api) {
    return new UploadSettings(
        api.targetPrefix(),
        api.metadataTargetPrefix(),
        api.requestParameters(),
        api.eventMetadataMappings(),
        DEFAULT_URL_VALIDITY);
  }

  /** The key of an uploaded object: {@code {targetPrefix}/{uuid}}. */
  public String objectKey(String uuid) {
    return targetPrefix + "/" + uuid;
  }

  /** The key of an upload's metadata document: {@code {metadataTargetPrefix}/{uuid}.metadata.json}. */
  public String metadataKey(String uuid) {
    return metadataTargetPrefix + "/" + uuid + ".metadata.json";
  }
}
