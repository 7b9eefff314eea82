package dev.lakegate.core.config;

import dev.lakegate.core.net.Cidr;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The module's {@code api:} section ({@code contract.md} §1), validated and with placeholders
 * resolved. Maps keep the order of the file.
 *
 * @param targetBucketName a bucket name, or an {@code ssm:/path} reference (see {@link
 *     #bucketIsSsmReference()})
 * @param metadataTargetPrefix the configured value, or {@code targetPrefix} when absent
 * @param requestParameters query parameter name to "required"
 * @param eventMetadataMappings metadata field to a dot path into the request event (§5)
 */
public record ApiConfig(
    List<AdminRole> adminRoles,
    String targetBucketName,
    String targetPrefix,
    String metadataTargetPrefix,
    int concurrencyLimit,
    List<Cidr> allowedCidrs,
    String stageName,
    Optional<String> kmsKeyArn,
    Optional<String> integrationLambdaRoleArn,
    boolean setAccountCloudWatchRole,
    Map<String, String> wafArns,
    Map<String, AppClientSettings> appClients,
    Map<String, Boolean> requestParameters,
    Map<String, String> eventMetadataMappings) {

  public static final String DEFAULT_STAGE_NAME = "prod";

  public ApiConfig {
    adminRoles = List.copyOf(adminRoles);
    allowedCidrs = List.copyOf(allowedCidrs);
    wafArns = OrderedMaps.copyOf(wafArns);
    appClients = OrderedMaps.copyOf(appClients);
    requestParameters = OrderedMaps.copyOf(requestParameters);
    eventMetadataMappings = OrderedMaps.copyOf(eventMetadataMappings);
  }

  /** True when the bucket is given as an SSM parameter reference ({@code ssm:/path}). */
  public boolean bucketIsSsmReference() {
    return targetBucketName.startsWith("ssm:");
  }
}
