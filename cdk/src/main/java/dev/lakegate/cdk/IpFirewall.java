package dev.lakegate.cdk;

import dev.lakegate.core.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.Stage;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.wafv2.CfnIPSet;
import software.amazon.awscdk.services.wafv2.CfnLoggingConfiguration;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * The network filter of the AWS deployment ({@code contract.md} §3, §9): a WAF IP set holding
 * {@code allowedCidrs}, a web ACL that blocks by default and allows only that set, its logging to
 * an encrypted log group with the {@code authorization} and {@code cookie} headers redacted, and
 * the associations of this ACL and of every {@code wafArns} entry with the API stage. There is no
 * option to change the default action or drop the allow rule.
 */
public final class IpFirewall extends Construct {

  public final CfnIPSet ipSet;
  public final CfnWebACL webAcl;
  public final EncryptedLogGroup logGroup;
  public final CfnLoggingConfiguration logging;
  private final List<CfnWebACLAssociation> associations = new ArrayList<>();

  public IpFirewall(Construct scope, String id, List<Cidr> allowedCidrs, ResourceNames names, IKey key) {
    super(scope, id);
    this.ipSet = CfnIPSet.Builder.create(this, "AllowedCidrs")
        .name(names.name("allowed-cidrs", StackDefaults.WAF_NAME_MAX))
        .description("allowedCidrs of " + names.base())
        .scope("REGIONAL")
        .ipAddressVersion("IPV4")
        .addresses(allowedCidrs.stream().map(Cidr::toString).toList())
        .build();
    this.webAcl = CfnWebACL.Builder.create(this, "WebAcl")
        .name(names.name("waf", StackDefaults.WAF_NAME_MAX))
        .scope("REGIONAL")
        .defaultAction(CfnWebACL.DefaultActionProperty.builder().block(CfnWebACL.BlockActionProperty.builder().build()).build())
        .visibilityConfig(visibility(names.name("waf", StackDefaults.WAF_NAME_MAX)))
        .rules(List.of(allowRule(names)))
        .build();
    String logGroupName = StackDefaults.WAF_LOG_GROUP_PREFIX + names.name("waf", StackDefaults.LOG_GROUP_NAME_MAX - 13);
    this.logGroup = new EncryptedLogGroup(this, "Logs", logGroupName, key);
    this.logging = CfnLoggingConfiguration.Builder.create(this, "Logging")
        .resourceArn(webAcl.getAttrArn())
        .logDestinationConfigs(List.of(logGroupArn(logGroupName)))
        .redactedFields(StackDefaults.REDACTED_HEADERS.stream().map(IpFirewall::redactedHeader).toList())
        .build();
    logging.getNode().addDependency(logGroup);
  }

  private CfnWebACL.RuleProperty allowRule(ResourceNames names) {
    return CfnWebACL.RuleProperty.builder()
        .name("allow-allowed-cidrs")
        .priority(0)
        .action(CfnWebACL.RuleActionProperty.builder().allow(CfnWebACL.AllowActionProperty.builder().build()).build())
        .statement(CfnWebACL.StatementProperty.builder()
            .ipSetReferenceStatement(CfnWebACL.IPSetReferenceStatementProperty.builder().arn(ipSet.getAttrArn()).build())
            .build())
        .visibilityConfig(visibility(names.name("allowed-cidrs", StackDefaults.WAF_NAME_MAX)))
        .build();
  }

  private static CfnWebACL.VisibilityConfigProperty visibility(String metricName) {
    return CfnWebACL.VisibilityConfigProperty.builder()
        .cloudWatchMetricsEnabled(true)
        .metricName(metricName)
        .sampledRequestsEnabled(true)
        .build();
  }

  /** WAF wants the bare log group ARN, without the {@code :*} that the log group's Arn attribute has. */
  private String logGroupArn(String logGroupName) {
    return Stack.of(this).formatArn(ArnComponents.builder()
        .service("logs")
        .resource("log-group")
        .resourceName(logGroupName)
        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
        .build());
  }

  private static CfnLoggingConfiguration.FieldToMatchProperty redactedHeader(String name) {
    return CfnLoggingConfiguration.FieldToMatchProperty.builder().singleHeader(Map.of("Name", name)).build();
  }

  /** Associates this web ACL and every additional one ({@code wafArns}) with the stage. */
  public void protect(Stage stage, Map<String, String> additionalWebAclArns) {
    associations.add(associate("Association", stage, webAcl.getAttrArn()));
    int index = 0;
    for (String arn : additionalWebAclArns.values()) {
      // Numbered, not named after the entry: two entry names may differ only in characters ids cannot hold.
      associations.add(associate("Additional" + ++index, stage, arn));
    }
  }

  private CfnWebACLAssociation associate(String id, Stage stage, String webAclArn) {
    var association = CfnWebACLAssociation.Builder.create(this, id)
        .resourceArn(stage.getStageArn())
        .webAclArn(webAclArn)
        .build();
    association.getNode().addDependency(stage);
    return association;
  }

  /** The associations made by {@link #protect}, this ACL's first. */
  public List<CfnWebACLAssociation> associations() {
    return List.copyOf(associations);
  }
}
