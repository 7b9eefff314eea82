package dev.lakegate.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.core.config.ApiConfig;
import dev.lakegate.core.config.AppClientSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Options the examples leave at their defaults, in one synthesis: the account CloudWatch role, a
 * stage name, a bucket from SSM, several app clients and several additional web ACLs.
 */
class StackVariantsTest {
  private static M2mApiStack stack;
  private static Template template;

  @BeforeAll
  static void synthesize() {
    ApiConfig minimal = TestStacks.load(TestStacks.MINIMAL);
    Map<String, AppClientSettings> clients = new LinkedHashMap<>();
    clients.put("partner-a", AppClientSettings.defaults());
    clients.put("partner-b", new AppClientSettings(5, 1440, 87600));
    clients.put("partner-c", new AppClientSettings(1440, 5, 24));
    ApiConfig variant = new ApiConfig(
        minimal.adminRoles(), "ssm:/acme/sales/datalake/bucket/landing/name", "incoming", "incoming-metadata",
        3, minimal.allowedCidrs(), "staging", Optional.empty(), Optional.empty(), true,
        Map.of("first", "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/a/1",
            "second", "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/b/2"),
        clients, Map.of(), Map.of());
    stack = TestStacks.stack(variant);
    template = Template.fromStack(stack);
  }

  @Test
  void rulePacksReportNothingUnsuppressed() {
    TestStacks.assertNoUnsuppressedFindings(stack);
  }

  @Test
  void setAccountCloudWatchRoleAddsTheAccountSettingAndItsRole() {
    template.resourceCountIs("AWS::ApiGateway::Account", 1);
    template.resourceCountIs("AWS::IAM::Role", 3);
  }

  @Test
  void usesTheConfiguredStageName() {
    template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of("StageName", "staging")));
  }

  @Test
  void resolvesAnSsmBucketReferenceAtDeployment() {
    assertThat(template.findParameters("*").values().toString()).contains("/acme/sales/datalake/bucket/landing/name");
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", "dev.lakegate.lambda.UploadHandler",
        "ReservedConcurrentExecutions", 3,
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "TARGET_BUCKET", Map.of("Ref", Match.stringLikeRegexp("SsmParameterValue.*"))))))));
  }

  @Test
  void createsOneAppClientPerEntryWithItsOwnValidities() {
    template.resourceCountIs("AWS::Cognito::UserPoolClient", 3);
    template.hasResourceProperties("AWS::Cognito::UserPoolClient", Match.objectLike(Map.of(
        "ClientName", "partner-b", "AccessTokenValidity", 5, "IdTokenValidity", 1440, "RefreshTokenValidity", 87600 * 60)));
    template.hasResourceProperties("AWS::Cognito::UserPoolClient", Match.objectLike(Map.of(
        "ClientName", "partner-c", "AccessTokenValidity", 1440, "IdTokenValidity", 5, "RefreshTokenValidity", 24 * 60)));
  }

  @Test
  void associatesOneWebAclPerWafArnsEntryPlusItsOwn() {
    template.resourceCountIs("AWS::WAFv2::WebACLAssociation", 1 + 2);
  }

  @Test
  void everyMethodOfTheApiRequiresTheCognitoAuthorizer() {
    Map<String, Map<String, Object>> methods = template.findResources("AWS::ApiGateway::Method");
    assertThat(methods).isNotEmpty();
    assertThat(template.findResources("AWS::ApiGateway::Method", Map.of("Properties",
        Match.objectLike(Map.of("AuthorizationType", "COGNITO_USER_POOLS", "AuthorizationScopes", List.of("m2m-api/m2m-custom"))))))
        .hasSameSizeAs(methods);
  }
}
