package dev.lakegate.cdk;

import dev.lakegate.core.config.AdminRole;
import dev.lakegate.core.config.ApiConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;

/**
 * Lets one template serve any account and region: {@code {{partition}}}, {@code {{account}}} and
 * {@code {{region}}} that the synthesis context leaves open become CloudFormation's
 * {@code AWS::Partition}, {@code AWS::AccountId} and {@code AWS::Region} ({@code contract.md} §1,
 * §9). The configuration loader checks ARN syntax, so the open placeholders are first filled with
 * stand-ins that pass those checks and no real deployment uses, then the stand-ins are swapped for
 * the pseudo parameters in every value that reaches the template.
 */
public final class DeployTimeValues {
  /** Stand-ins; account 000000000000 is never issued by AWS. */
  static final String PARTITION = "aws-deploytime";

  static final String ACCOUNT = "000000000000";
  static final String REGION = "deploytime-region-1";

  private static final Pattern STAND_INS =
      Pattern.compile(Pattern.quote(PARTITION) + "|" + Pattern.quote(REGION) + "|(?<!\\d)" + ACCOUNT + "(?!\\d)");

  private DeployTimeValues() {}

  /** The context for the strict loader: the caller's, with stand-ins for the placeholders it leaves open. */
  public static Map<String, String> loaderContext(Map<String, String> context) {
    Map<String, String> merged = new LinkedHashMap<>(context);
    merged.putIfAbsent("partition", PARTITION);
    merged.putIfAbsent("account", ACCOUNT);
    merged.putIfAbsent("region", REGION);
    return merged;
  }

  /** The configuration with every stand-in replaced by its pseudo parameter. */
  public static ApiConfig resolve(ApiConfig api) {
    return new ApiConfig(
        api.adminRoles().stream().map(r -> new AdminRole(r.reference(), swap(r.value()), r.immutable(), r.sso())).toList(),
        swap(api.targetBucketName()),
        swap(api.targetPrefix()),
        swap(api.metadataTargetPrefix()),
        api.concurrencyLimit(),
        api.allowedCidrs(),
        api.stageName(),
        api.kmsKeyArn().map(DeployTimeValues::swap),
        api.integrationLambdaRoleArn().map(DeployTimeValues::swap),
        api.setAccountCloudWatchRole(),
        swapValues(api.wafArns()),
        api.appClients(),
        api.requestParameters(),
        api.eventMetadataMappings());
  }

  private static Map<String, String> swapValues(Map<String, String> map) {
    Map<String, String> swapped = new LinkedHashMap<>();
    map.forEach((k, v) -> swapped.put(k, swap(v)));
    return swapped;
  }

  static String swap(String value) {
    Matcher m = STAND_INS.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String token = switch (m.group()) {
        case PARTITION -> Aws.PARTITION;
        case REGION -> Aws.REGION;
        default -> Aws.ACCOUNT_ID;
      };
      m.appendReplacement(out, Matcher.quoteReplacement(token));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** True when a value still holds a stand-in; used by tests to prove none leaks into a template. */
  static boolean hasStandIn(String text) {
    return STAND_INS.matcher(text).find();
  }
}
