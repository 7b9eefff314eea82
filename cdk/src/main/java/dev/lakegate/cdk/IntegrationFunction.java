package dev.lakegate.cdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.core.config.ApiConfig;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The upload API's integration function ({@code contract.md} §4, §9): our handler on the target
 * bucket, configured through the module's environment variables, with reserved concurrency
 * {@code concurrencyLimit}. A role created for it may write objects only under the target and
 * metadata prefixes and the handler's multipart records, and nothing else in the bucket.
 */
public final class IntegrationFunction extends Construct {
  private static final ObjectMapper JSON = new ObjectMapper();

  public final HandlerFunction handler;
  /** The bucket name, or a token resolved from SSM at deployment. */
  public final String bucketName;

  public IntegrationFunction(Construct scope, String id, M2mApiStackProps props, IKey key) {
    super(scope, id);
    ApiConfig api = props.api();
    this.bucketName = api.bucketIsSsmReference()
        ? StringParameter.valueForStringParameter(this, api.targetBucketName().substring("ssm:".length()))
        : api.targetBucketName();
    var spec = new HandlerFunction.Spec(
        "integration",
        "Upload API of " + props.names().base() + " (presigns uploads into " + api.targetPrefix() + ")",
        props.code().integrationHandler(),
        api.concurrencyLimit(),
        environment(api),
        List.of(objectWrites(api), multipartRecords(), multipartRecordListing()),
        wildcardFindings(api),
        api.integrationLambdaRoleArn());
    this.handler = new HandlerFunction(this, "Handler", spec, props.code().asset(), props.names(), key);
  }

  /** The variables the module's function reads, under the module's names. */
  private Map<String, String> environment(ApiConfig api) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TARGET_BUCKET", bucketName);
    env.put("TARGET_PREFIX", api.targetPrefix());
    env.put("METADATA_TARGET_PREFIX", api.metadataTargetPrefix());
    env.put("EVENT_METADATA_MAPPINGS", toJson(api.eventMetadataMappings()));
    // Not read by the module's function: ours applies the same request rules as the standalone server.
    env.put("REQUEST_PARAMETERS", toJson(api.requestParameters()));
    env.put("EXPIRY_TIME_SECONDS", Integer.toString(StackDefaults.PRESIGN_EXPIRY_SECONDS));
    env.put("LOG_LEVEL", StackDefaults.LOG_LEVEL);
    return env;
  }

  private static String toJson(Map<String, ?> map) {
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  /** Presigned PUTs and multipart uploads run with the function's credentials, so it needs these. */
  private PolicyStatement objectWrites(ApiConfig api) {
    return PolicyStatement.Builder.create()
        .sid("WriteUploadsAndMetadata")
        .actions(List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"))
        .resources(List.of(objectArn(api.targetPrefix() + "/*"), objectArn(api.metadataTargetPrefix() + "/*")))
        .build();
  }

  private PolicyStatement multipartRecords() {
    return PolicyStatement.Builder.create()
        .sid("KeepMultipartRecords")
        .actions(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"))
        .resources(List.of(objectArn(StackDefaults.MULTIPART_RECORD_PREFIX + "/*")))
        .build();
  }

  /**
   * Without it S3 answers a read of a missing record with 403 instead of 404, and an unknown upload
   * would look like a lake failure; limited to the records' prefix.
   */
  private PolicyStatement multipartRecordListing() {
    return PolicyStatement.Builder.create()
        .sid("TellMissingMultipartRecords")
        .actions(List.of("s3:ListBucket"))
        .resources(List.of("arn:" + Stack.of(this).getPartition() + ":s3:::" + bucketName))
        .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(StackDefaults.MULTIPART_RECORD_PREFIX + "/*"))))
        .build();
  }

  /**
   * The IAM5 findings the object ARNs cause, as cdk-nag names them; a bucket from SSM appears as
   * a parameter reference, matched by a pattern limited to the same key prefixes.
   */
  private static List<String> wildcardFindings(ApiConfig api) {
    Set<String> prefixes = new LinkedHashSet<>(List.of(api.targetPrefix(), api.metadataTargetPrefix(), StackDefaults.MULTIPART_RECORD_PREFIX));
    return prefixes.stream()
        .map(prefix -> api.bucketIsSsmReference()
            ? "/^Resource::arn:<AWS::Partition>:s3:::<[A-Za-z0-9]+>\\/" + escapeJsRegex(prefix + "/*") + "$/"
            : "Resource::arn:<AWS::Partition>:s3:::" + api.targetBucketName() + "/" + prefix + "/*")
        .toList();
  }

  /** cdk-nag evaluates these patterns in JavaScript, whose regular expressions have no \Q..\E quoting. */
  private static String escapeJsRegex(String text) {
    return text.replaceAll("[.*+?^${}()|\\[\\]\\\\/]", "\\\\$0");
  }

  /** An object ARN pattern in the target bucket. */
  String objectArn(String keyPattern) {
    return "arn:" + Stack.of(this).getPartition() + ":s3:::" + bucketName + "/" + keyPattern;
  }
}
