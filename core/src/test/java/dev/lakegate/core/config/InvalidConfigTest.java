package dev.lakegate.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One broken rule of {@code contract.md} §1 per row: each variant of the valid document is
 * rejected with exactly one problem, at the expected line and key path, saying what is wrong.
 */
class InvalidConfigTest {

  static Stream<Arguments> variants() {
    return Stream.of(
        // required keys
        row("adminRoles missing", Map.of(2, "", 3, ""), 1, "api.adminRoles", "required key is missing"),
        row("targetBucketName missing", Map.of(4, ""), 1, "api.targetBucketName", "required key is missing"),
        row("targetPrefix missing", Map.of(5, ""), 1, "api.targetPrefix", "required key is missing"),
        row("concurrencyLimit missing", Map.of(7, ""), 1, "api.concurrencyLimit", "required key is missing"),
        row("allowedCidrs missing", Map.of(8, "", 9, ""), 1, "api.allowedCidrs", "required key is missing"),
        row("required key without a value", Map.of(4, "  targetBucketName:"), 4, "api.targetBucketName", "required key has no value"),
        // adminRoles
        row("adminRoles empty", Map.of(2, "  adminRoles: []", 3, ""), 2, "api.adminRoles", "at least one role"),
        row("adminRoles not a list", Map.of(2, "  adminRoles: admin", 3, ""), 2, "api.adminRoles", "expected a list, found a string"),
        row("role with none of name/arn/id", Map.of(3, "    - immutable: true"), 3, "api.adminRoles[0]", "exactly one of name, arn, id; none is given"),
        row("role with two of name/arn/id", Map.of(3, "    - {name: admin, id: AROAABCDEFGHIJKLMNOP}"), 3, "api.adminRoles[0]", "name and id are given"),
        row("role arn not an ARN", Map.of(3, "    - arn: admin-role"), 3, "api.adminRoles[0].arn", "\"admin-role\" is not an ARN"),
        row("role flag not a boolean", Map.of(3, "    - {name: admin, sso: maybe}"), 3, "api.adminRoles[0].sso", "expected true or false"),
        row("role entry unknown key", Map.of(3, "    - {name: admin, admin: true}"), 3, "api.adminRoles[0].admin", "unknown key"),
        row("role entry not a map", Map.of(3, "    - admin"), 3, "api.adminRoles[0]", "expected a map, found a string"),
        // targetBucketName
        row("bucket 2 characters", Map.of(4, "  targetBucketName: ab"), 4, "api.targetBucketName", "must be 3 to 63 characters long (is 2)"),
        row("bucket 64 characters", Map.of(4, "  targetBucketName: " + "b".repeat(64)), 4, "api.targetBucketName", "must be 3 to 63 characters long (is 64)"),
        row("bucket upper case", Map.of(4, "  targetBucketName: Landing"), 4, "api.targetBucketName", "only lower-case letters, digits"),
        row("bucket underscore", Map.of(4, "  targetBucketName: land_ing"), 4, "api.targetBucketName", "only lower-case letters, digits"),
        row("bucket starts with hyphen", Map.of(4, "  targetBucketName: -landing"), 4, "api.targetBucketName", "start and end with a letter or digit"),
        row("bucket ends with dot", Map.of(4, "  targetBucketName: landing."), 4, "api.targetBucketName", "start and end with a letter or digit"),
        row("bucket with two dots", Map.of(4, "  targetBucketName: land..ing"), 4, "api.targetBucketName", "must not contain \"..\""),
        row("bucket as IP address", Map.of(4, "  targetBucketName: 192.168.1.1"), 4, "api.targetBucketName", "IP address"),
        row("bucket SSM reference without path", Map.of(4, "  targetBucketName: ssm:bucket"), 4, "api.targetBucketName", "not an SSM parameter reference"),
        // prefixes
        row("prefix with leading slash", Map.of(5, "  targetPrefix: /incoming"), 5, "api.targetPrefix", "must not start with '/'"),
        row("prefix with .. segment", Map.of(5, "  targetPrefix: a/../b"), 5, "api.targetPrefix", "\"..\" segment"),
        row("prefix with empty segment", Map.of(5, "  targetPrefix: a//b"), 5, "api.targetPrefix", "empty segment"),
        row("prefix with trailing slash", Map.of(5, "  targetPrefix: incoming/"), 5, "api.targetPrefix", "must not end with '/'"),
        row("prefix empty", Map.of(5, "  targetPrefix: ''"), 5, "api.targetPrefix", "must not be empty"),
        row("metadata prefix with leading slash", Map.of(6, "  metadataTargetPrefix: /meta"), 6, "api.metadataTargetPrefix", "must not start with '/'"),
        // concurrencyLimit
        row("concurrencyLimit 0", Map.of(7, "  concurrencyLimit: 0"), 7, "api.concurrencyLimit", "0 is out of range (1..)"),
        row("concurrencyLimit text", Map.of(7, "  concurrencyLimit: ten"), 7, "api.concurrencyLimit", "expected a whole number (1..), found a string (ten)"),
        row("concurrencyLimit quoted number", Map.of(7, "  concurrencyLimit: '10'"), 7, "api.concurrencyLimit", "found a string (10)"),
        row("concurrencyLimit decimal", Map.of(7, "  concurrencyLimit: 1.5"), 7, "api.concurrencyLimit", "found a decimal number (1.5)"),
        row("concurrencyLimit beyond int", Map.of(7, "  concurrencyLimit: 99999999999"), 7, "api.concurrencyLimit", "out of range"),
        // allowedCidrs
        row("CIDR prefix /33", Map.of(9, "    - 10.0.0.0/33"), 9, "api.allowedCidrs[0]", "\"10.0.0.0/33\" is not an IPv4 CIDR"),
        row("CIDR with host bits", Map.of(9, "    - 10.0.0.1/8"), 9, "api.allowedCidrs[0]", "host bits set (did you mean 10.0.0.0/8?)"),
        row("CIDR octet over 255", Map.of(9, "    - 300.0.0.0/8"), 9, "api.allowedCidrs[0]", "octet 300 is not 0..255"),
        row("CIDR without prefix", Map.of(9, "    - 10.0.0.0"), 9, "api.allowedCidrs[0]", "is not an IPv4 CIDR"),
        row("CIDR IPv6", Map.of(9, "    - ::1/128"), 9, "api.allowedCidrs[0]", "is not an IPv4 CIDR"),
        row("allowedCidrs empty", Map.of(8, "  allowedCidrs: []", 9, ""), 8, "api.allowedCidrs", "at least one CIDR block"),
        row("allowedCidrs a string", Map.of(8, "  allowedCidrs: 10.0.0.0/8", 9, ""), 8, "api.allowedCidrs", "expected a list, found a string"),
        // optional scalars
        row("stageName with a space", Map.of(10, "  stageName: prod stage"), 10, "api.stageName", "is not a stage name"),
        row("stageName 129 characters", Map.of(10, "  stageName: " + "s".repeat(129)), 10, "api.stageName", "is not a stage name"),
        row("kmsKeyArn not an ARN", Map.of(11, "  kmsKeyArn: key-1234"), 11, "api.kmsKeyArn", "is not an ARN"),
        row("integrationLambdaRoleArn bad partition", Map.of(12, "  integrationLambdaRoleArn: arn:azure:iam::000000000000:role/r"), 12, "api.integrationLambdaRoleArn", "is not an ARN"),
        row("setAccountCloudWatchRole yes", Map.of(13, "  setAccountCloudWatchRole: yes"), 13, "api.setAccountCloudWatchRole", "expected true or false, found a boolean (yes)"),
        row("setAccountCloudWatchRole quoted", Map.of(13, "  setAccountCloudWatchRole: 'true'"), 13, "api.setAccountCloudWatchRole", "expected true or false, found a string"),
        row("wafArns value empty", Map.of(15, "    extra: ''"), 15, "api.wafArns.extra", "must not be empty"),
        row("wafArns a list", Map.of(14, "  wafArns: [a]", 15, ""), 14, "api.wafArns", "expected a map, found a list"),
        // appClients
        row("access token 4 minutes", Map.of(18, "      accessTokenValidityMinutes: 4"), 18, "api.appClients.demo-client.accessTokenValidityMinutes", "4 is out of range (5..1440)"),
        row("access token 1441 minutes", Map.of(18, "      accessTokenValidityMinutes: 1441"), 18, "api.appClients.demo-client.accessTokenValidityMinutes", "1441 is out of range (5..1440)"),
        row("id token 4 minutes", Map.of(19, "      idTokenValidityMinutes: 4"), 19, "api.appClients.demo-client.idTokenValidityMinutes", "out of range (5..1440)"),
        row("id token 1441 minutes", Map.of(19, "      idTokenValidityMinutes: 1441"), 19, "api.appClients.demo-client.idTokenValidityMinutes", "out of range (5..1440)"),
        row("refresh token 0 hours", Map.of(20, "      refreshTokenValidityHours: 0"), 20, "api.appClients.demo-client.refreshTokenValidityHours", "0 is out of range (1..87600)"),
        row("refresh token 87601 hours", Map.of(20, "      refreshTokenValidityHours: 87601"), 20, "api.appClients.demo-client.refreshTokenValidityHours", "87601 is out of range (1..87600)"),
        row("app client name with slash", Map.of(17, "    demo/client:"), 17, "api.appClients[\"demo/client\"]", "is not an app client name"),
        row("app client unknown key", Map.of(20, "      refreshTokenValidity: 720"), 20, "api.appClients.demo-client.refreshTokenValidity", "did you mean"),
        row("app client settings a string", Map.of(17, "    demo-client: short", 18, "", 19, "", 20, ""), 17, "api.appClients.demo-client", "expected a map, found a string"),
        // requestParameters and eventMetadataMappings
        row("request parameter not a boolean", Map.of(22, "    source: required"), 22, "api.requestParameters.source", "expected true or false"),
        row("request parameter name with space", Map.of(22, "    my source: false"), 22, "api.requestParameters[\"my source\"]", "is not a query parameter name"),
        row("metadata mapping with empty segment", Map.of(24, "    ip: requestContext..sourceIp"), 24, "api.eventMetadataMappings.ip", "is not a dot path"),
        row("metadata mapping to a map", Map.of(24, "    ip: {a: b}"), 24, "api.eventMetadataMappings.ip", "expected a text value, found a map"),
        // unknown keys at every level
        row("unknown top-level key", Map.of(25, "server:"), 25, "server", "unknown key (expected one of: api, standalone)"),
        row("unknown api key", Map.of(10, "  apiName: prod"), 10, "api.apiName", "unknown key (expected one of: adminRoles,"),
        row("api key with wrong case", Map.of(10, "  stagename: prod"), 10, "api.stagename", "did you mean \"stageName\"?"),
        row("unknown standalone key", Map.of(27, "  plainhttp: false"), 27, "standalone.plainhttp", "did you mean \"plainHttp\"?"),
        row("unknown lake key", Map.of(30, "    disk:"), 30, "standalone.lake.disk", "unknown key"),
        row("unknown local lake key", Map.of(31, "      age: 7d"), 31, "standalone.lake.local.age", "unknown key"),
        row("unknown limits key", Map.of(36, "    maxBodyBytes: 16384"), 36, "standalone.limits.maxBodyBytes", "unknown key"),
        // standalone values
        row("listen without port", Map.of(26, "  listen: localhost"), 26, "standalone.listen", "is not host:port"),
        row("listen port out of range", Map.of(26, "  listen: 127.0.0.1:70000"), 26, "standalone.listen", "port 70000 is out of range"),
        row("duration in words", Map.of(35, "    idleTimeout: 30 seconds"), 35, "standalone.limits.idleTimeout", "\"30 seconds\" is not a positive duration"),
        row("duration zero", Map.of(35, "    idleTimeout: 0s"), 35, "standalone.limits.idleTimeout", "is not a positive duration"),
        row("abandoned upload age too short", Map.of(31, "      abandonedUploadAge: 10m"), 31, "standalone.lake.local.abandonedUploadAge", "shorter than the minimum"),
        row("header limit too small", Map.of(36, "    maxHeaderBytes: 100"), 36, "standalone.limits.maxHeaderBytes", "out of range (1024..1048576)"),
        row("trusted proxy with host bits", Map.of(33, "    - 10.1.0.1/16"), 33, "standalone.trustedProxies[0]", "host bits set"),
        row("both local and s3 lake", Map.of(31, "    s3: {region: eu-west-1}"), 29, "standalone.lake", "exactly one of local, s3"),
        row("plainHttp with a certificate", Map.of(27, "  plainHttp: true", 28, "  tls: {certificate: c.pem, privateKey: k.pem}"), 28, "standalone.tls", "plainHttp is true"),
        row("tls without key", Map.of(28, "  tls: {certificate: c.pem}"), 28, "standalone.tls.privateKey", "required key is missing"),
        row("publicUrl with a path", Map.of(28, "  publicUrl: https://lake.example.com/base"), 28, "standalone.publicUrl", "must not have a path"),
        row("publicUrl not http", Map.of(28, "  publicUrl: ftp://lake.example.com"), 28, "standalone.publicUrl", "not an http(s) URL"),
        // document level
        row("duplicate key", Map.of(6, "  targetPrefix: other"), 6, "api.targetPrefix", "duplicate key (first given on line 5)"),
        row("YAML syntax error", Map.of(9, "    - [10.0.0.0/8"), 10, "", "YAML syntax error"),
        row("tab indentation", Map.of(10, "\tstageName: prod"), 10, "", "YAML syntax error"),
        row("unknown placeholder", Map.of(11, "  kmsKeyArn: arn:{{partition}}:kms:{{zone}}:{{account}}:key/k1"), 11, "api.kmsKeyArn", "unknown placeholder {{zone}}"),
        row("api not a map", replacedBy(1, 24, "api: []"), 1, "api", "expected a map, found a list"));
  }

  /** Lines first..last replaced by one line of text and blanks. */
  private static Map<Integer, String> replacedBy(int first, int last, String text) {
    Map<Integer, String> lines = new java.util.HashMap<>();
    for (int n = first; n <= last; n++) {
      lines.put(n, n == first ? text : "");
    }
    return lines;
  }

  private static Arguments row(String rule, Map<Integer, String> lines, int line, String path, String message) {
    return Arguments.of(rule, lines, line, path, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void rejectsVariantWithOneProblemAtItsLineAndPath(String rule, Map<Integer, String> lines, int line, String path, String message) {
    String document = ConfigDocuments.withLines(lines);

    assertThatThrownBy(() -> ConfigDocuments.load(document))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          List<ConfigProblem> problems = e.problems();
          assertThat(problems).as("problems of %s", rule).hasSize(1);
          ConfigProblem problem = problems.get(0);
          assertThat(problem.file()).isEqualTo(ConfigDocuments.FILE);
          assertThat(problem.line()).as("line").isEqualTo(line);
          assertThat(problem.path()).as("path").isEqualTo(path);
          assertThat(problem.message()).as("message").contains(message);
        });
  }
}
