package dev.lakegate.cdk;

import dev.lakegate.core.config.AdminRole;
import dev.lakegate.core.config.ApiConfig;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The KMS key that encrypts the log groups and the functions' environment ({@code contract.md}
 * §9): the configured {@code kmsKeyArn}, or a new key with rotation on, administered by the
 * {@code adminRoles} and usable by CloudWatch Logs for this account's log groups. A configured key
 * is used as it is; its policy must already let CloudWatch Logs use it.
 */
public final class EncryptionKey extends Construct {
  private static final List<String> ADMIN_ACTIONS = List.of(
      "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
      "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
      "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion");
  private static final List<String> USE_ACTIONS = List.of(
      "kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*");

  /** The key; a new {@link Key} unless {@code kmsKeyArn} was configured. */
  public final IKey key;

  public EncryptionKey(Construct scope, String id, ApiConfig api, ResourceNames names) {
    super(scope, id);
    this.key = api.kmsKeyArn()
        .map(arn -> Key.fromKeyArn(this, "Imported", arn))
        .orElseGet(() -> newKey(api, names));
  }

  private IKey newKey(ApiConfig api, ResourceNames names) {
    Key created = Key.Builder.create(this, "Key")
        .alias("alias/" + names.name("key", StackDefaults.KMS_ALIAS_MAX - "alias/".length()))
        .description("Encrypts the logs and function settings of " + names.base())
        .enableKeyRotation(true)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    List<AdminRole> roles = api.adminRoles();
    for (int i = 0; i < roles.size(); i++) {
      created.addToResourcePolicy(adminStatement(roles.get(i), "AdminRole" + (i + 1)));
    }
    created.addToResourcePolicy(logsStatement());
    return created;
  }

  /**
   * Matched on the caller's principal rather than named as principal, so the key deploys even
   * before the admin role exists (KMS rejects policies naming unknown principals).
   */
  private PolicyStatement adminStatement(AdminRole role, String sid) {
    Stack stack = Stack.of(this);
    var condition = switch (role.reference()) {
      case ARN -> Map.of("ArnLike", Map.of("aws:PrincipalArn", role.value()));
      case NAME -> Map.of("ArnLike", Map.of("aws:PrincipalArn", roleArnByName(stack, role)));
      case ID -> Map.of("StringLike", Map.of("aws:userid", role.value() + ":*"));
    };
    return PolicyStatement.Builder.create()
        .sid(sid)
        .effect(Effect.ALLOW)
        .principals(List.of(new AccountRootPrincipal()))
        .actions(ADMIN_ACTIONS)
        .resources(List.of("*"))
        .conditions(condition)
        .build();
  }

  private static String roleArnByName(Stack stack, AdminRole role) {
    String prefix = "arn:" + stack.getPartition() + ":iam::" + stack.getAccount() + ":role/";
    // Identity Center creates roles named AWSReservedSSO_<permission set>_<random> under its own path.
    return role.sso().orElse(false)
        ? prefix + "aws-reserved/sso.amazonaws.com/*AWSReservedSSO_" + role.value() + "_*"
        : prefix + role.value();
  }

  private PolicyStatement logsStatement() {
    Stack stack = Stack.of(this);
    String logGroups = "arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount() + ":log-group:*";
    return PolicyStatement.Builder.create()
        .sid("CloudWatchLogsOfThisAccount")
        .effect(Effect.ALLOW)
        .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
        .actions(USE_ACTIONS)
        .resources(List.of("*"))
        .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", logGroups)))
        .build();
  }
}
