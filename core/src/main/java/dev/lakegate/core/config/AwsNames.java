package dev.lakegate.core.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The naming rules of the AWS things the {@code api:} section refers to ({@code contract.md} §1):
 * S3 bucket names and key prefixes, SSM parameter references, ARNs, API Gateway stage names,
 * Cognito app client names, IAM role names and ids. Each rule says precisely what is wrong.
 */
final class AwsNames {
  private AwsNames() {}

  private static final Pattern BUCKET_CHARS = Pattern.compile("[a-z0-9.-]+");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final List<String> RESERVED_BUCKET_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_BUCKET_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");
  private static final Pattern SSM_PARAMETER = Pattern.compile("ssm:/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
  private static final Pattern ARN =
      Pattern.compile("arn:aws(-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(\\d{12}|aws)?:\\S+");
  private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern APP_CLIENT = Pattern.compile("[\\w\\s+=,.@-]{1,128}");
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern ROLE_ID = Pattern.compile("\\w{16,128}");
  private static final Pattern QUERY_PARAMETER = Pattern.compile("[A-Za-z0-9_.~-]{1,128}");
  private static final Pattern DOT_PATH = Pattern.compile("[^.\\s]+(\\.[^.\\s]+)*");
  private static final int MAX_PREFIX_LENGTH = 900;

  /** {@code targetBucketName}: a bucket name, or {@code ssm:/path} naming an SSM parameter that holds one. */
  static final ValueReader.TextRule BUCKET_OR_SSM = value -> value.startsWith("ssm:")
      ? matches(SSM_PARAMETER, value, "is not an SSM parameter reference (ssm:/path/name)")
      : bucketProblem(value).map(p -> quoted(value) + " is not a valid S3 bucket name: " + p);

  /** {@code targetPrefix}, {@code metadataTargetPrefix}: a relative key prefix with no empty or {@code ..} segment. */
  static final ValueReader.TextRule KEY_PREFIX = value -> prefixProblem(value).map(p -> quoted(value) + " " + p);

  static final ValueReader.TextRule ARN_SYNTAX =
      value -> matches(ARN, value, "is not an ARN (arn:partition:service:region:account:resource)");

  static final ValueReader.TextRule STAGE_NAME =
      value -> matches(STAGE, value, "is not a stage name (1 to 128 of A-Z a-z 0-9 _ -)");

  static final ValueReader.TextRule APP_CLIENT_NAME =
      value -> matches(APP_CLIENT, value, "is not an app client name (1 to 128 of letters, digits, spaces and + = , . @ - _)");

  static final ValueReader.TextRule ROLE_NAME_RULE =
      value -> matches(ROLE_NAME, value, "is not an IAM role name (1 to 64 of letters, digits and + = , . @ - _)");

  static final ValueReader.TextRule ROLE_ID_RULE =
      value -> matches(ROLE_ID, value, "is not an IAM role id (16 to 128 letters and digits, e.g. AROA...)");

  static final ValueReader.TextRule QUERY_PARAMETER_NAME =
      value -> matches(QUERY_PARAMETER, value, "is not a query parameter name (1 to 128 of A-Z a-z 0-9 _ . ~ -)");

  static final ValueReader.TextRule EVENT_PATH =
      value -> matches(DOT_PATH, value, "is not a dot path into the request event (e.g. requestContext.identity.sourceIp)");

  private static Optional<String> bucketProblem(String name) {
    if (name.length() < 3 || name.length() > 63) {
      return Optional.of("must be 3 to 63 characters long (is " + name.length() + ")");
    }
    if (!BUCKET_CHARS.matcher(name).matches()) {
      return Optional.of("may contain only lower-case letters, digits, '.' and '-'");
    }
    if (!Character.isLetterOrDigit(name.charAt(0)) || !Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
      return Optional.of("must start and end with a letter or digit");
    }
    if (name.contains("..")) {
      return Optional.of("must not contain \"..\"");
    }
    if (IP_ADDRESS.matcher(name).matches()) {
      return Optional.of("must not be formatted as an IP address");
    }
    return RESERVED_BUCKET_PREFIXES.stream().filter(name::startsWith).findFirst()
        .map(p -> "must not start with the reserved prefix \"" + p + "\"")
        .or(() -> RESERVED_BUCKET_SUFFIXES.stream().filter(name::endsWith).findFirst()
            .map(s -> "must not end with the reserved suffix \"" + s + "\""));
  }

  private static Optional<String> prefixProblem(String prefix) {
    if (prefix.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (prefix.startsWith("/")) {
      return Optional.of("must not start with '/'");
    }
    if (prefix.endsWith("/")) {
      return Optional.of("must not end with '/' (it is added before the object name)");
    }
    if (prefix.contains("//")) {
      return Optional.of("must not contain an empty segment (\"//\")");
    }
    if (List.of(prefix.split("/")).contains("..")) {
      return Optional.of("must not contain a \"..\" segment");
    }
    if (prefix.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("must not contain control characters");
    }
    if (prefix.length() > MAX_PREFIX_LENGTH) {
      return Optional.of("is longer than " + MAX_PREFIX_LENGTH + " characters");
    }
    return Optional.empty();
  }

  private static Optional<String> matches(Pattern pattern, String value, String problem) {
    return pattern.matcher(value).matches() ? Optional.empty() : Optional.of(quoted(value) + " " + problem);
  }

  private static String quoted(String value) {
    return "\"" + value + "\"";
  }
}
