package dev.lakegate.cdk;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Every default of the AWS deployment in one place ({@code contract.md} §9): what the
 * configuration file does not set. Nothing here can loosen authentication or the IP allow list;
 * those have no switch at all.
 */
public final class StackDefaults {
  private StackDefaults() {}

  /** The OAuth resource server and its one scope ({@code contract.md} §2). */
  public static final String RESOURCE_SERVER = "m2m-api";

  public static final String SCOPE = "m2m-custom";

  /** The full scope name that API Gateway requires on every upload call. */
  public static final String FULL_SCOPE = RESOURCE_SERVER + "/" + SCOPE;

  /** The upload API's base resource; its {@code {proxy+}} child carries the one GET method. */
  public static final String UPLOAD_PATH = "upload";

  /** Our handler is compiled for release 21, so the function runs on that runtime. */
  public static final Runtime RUNTIME = Runtime.JAVA_21;

  /** The handler is plain Java, so the cheaper architecture is as good. */
  public static final Architecture ARCHITECTURE = Architecture.ARM_64;

  public static final int MEMORY_MB = 1024;

  /** API Gateway gives up after 29 seconds; the function must not outlive the request. */
  public static final Duration TIMEOUT = Duration.seconds(29);

  /** How long presigned URLs stay valid, as the module ({@code contract.md} §4). */
  public static final int PRESIGN_EXPIRY_SECONDS = 600;

  public static final String LOG_LEVEL = "INFO";

  /** Sign-in logging is tiny work; a small reservation keeps it from starving other functions. */
  public static final int POST_AUTHENTICATION_CONCURRENCY = 5;

  public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_YEAR;

  /** Header names redacted from WAF logs, lower case as WAF compares them ({@code contract.md} §3). */
  public static final List<String> REDACTED_HEADERS = List.of("authorization", "cookie");

  /** Password rules for a pool that has no users, only app clients: as strict as Cognito allows. */
  public static final int PASSWORD_MIN_LENGTH = 64;

  /** Service name limits, from each service's API reference. */
  public static final int LAMBDA_NAME_MAX = 64;

  public static final int IAM_ROLE_NAME_MAX = 64;
  public static final int IAM_POLICY_NAME_MAX = 128;
  public static final int WAF_NAME_MAX = 128;
  public static final int USER_POOL_NAME_MAX = 128;
  public static final int APP_CLIENT_NAME_MAX = 128;
  public static final int COGNITO_DOMAIN_MAX = 63;
  public static final int REST_API_NAME_MAX = 1024;
  public static final int LOG_GROUP_NAME_MAX = 512;
  public static final int KMS_ALIAS_MAX = 256;

  /** WAF sends logs only to log groups whose name starts with this. */
  public static final String WAF_LOG_GROUP_PREFIX = "aws-waf-logs-";

  /** Cognito refuses domain prefixes that contain these words. */
  public static final List<String> COGNITO_DOMAIN_RESERVED_WORDS = List.of("aws", "amazon", "cognito");

  /** The key under which the integration function keeps its multipart records in the bucket. */
  public static final String MULTIPART_RECORD_PREFIX = ".lakegate/multipart";
}
