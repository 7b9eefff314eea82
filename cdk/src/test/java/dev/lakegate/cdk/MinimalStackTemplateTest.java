package dev.lakegate.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The template of the minimal example: the security-carrying properties of every resource of
 * {@code contract.md} §9, and no finding of the four rule packs.
 */
class MinimalStackTemplateTest {
  private static M2mApiStack stack;
  private static Template template;

  @BeforeAll
  static void synthesize() {
    stack = TestStacks.stack(TestStacks.load(TestStacks.MINIMAL));
    template = Template.fromStack(stack);
  }

  @Test
  void rulePacksReportNothingUnsuppressed() {
    TestStacks.assertNoUnsuppressedFindings(stack);
  }

  @Test
  void hasOneOfEachResourceAndNoAppClientWhenNoneConfigured() {
    template.resourceCountIs("AWS::KMS::Key", 1);
    template.resourceCountIs("AWS::Cognito::UserPool", 1);
    template.resourceCountIs("AWS::Cognito::UserPoolDomain", 1);
    template.resourceCountIs("AWS::Cognito::UserPoolResourceServer", 1);
    template.resourceCountIs("AWS::Cognito::UserPoolClient", 0);
    template.resourceCountIs("AWS::ApiGateway::RestApi", 1);
    template.resourceCountIs("AWS::ApiGateway::Stage", 1);
    template.resourceCountIs("AWS::ApiGateway::Method", 1);
    template.resourceCountIs("AWS::ApiGateway::RequestValidator", 1);
    template.resourceCountIs("AWS::WAFv2::IPSet", 1);
    template.resourceCountIs("AWS::WAFv2::WebACL", 1);
    template.resourceCountIs("AWS::WAFv2::LoggingConfiguration", 1);
    template.resourceCountIs("AWS::WAFv2::WebACLAssociation", 1);
    template.resourceCountIs("AWS::Lambda::Function", 2);
    template.resourceCountIs("AWS::IAM::Role", 2);
    template.resourceCountIs("AWS::Logs::LogGroup", 4);
    template.resourceCountIs("AWS::ApiGateway::Account", 0);
  }

  @Test
  void namesResourcesFromTheContext() {
    template.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "acme-dev-sales-m2m-api-integration"));
    template.hasResourceProperties("AWS::Cognito::UserPool", Map.of("UserPoolName", "acme-dev-sales-m2m-api-user-pool"));
    template.hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of("Domain", "acme-dev-sales-m2m-api-auth"));
    template.hasResourceProperties("AWS::WAFv2::WebACL", Map.of("Name", "acme-dev-sales-m2m-api-waf"));
    assertThat(stack.getStackName()).isEqualTo("acme-dev-sales-m2m-api");
  }

  @Test
  void webAclBlocksByDefaultAndAllowsOnlyTheIpSet() {
    Capture ipSet = new Capture();
    template.hasResourceProperties("AWS::WAFv2::WebACL", Map.of(
        "Scope", "REGIONAL",
        "DefaultAction", Map.of("Block", Map.of()),
        "Rules", List.of(Match.objectLike(Map.of(
            "Action", Map.of("Allow", Map.of()),
            "Statement", Map.of("IPSetReferenceStatement", Map.of("Arn", ipSet)))))));
    assertThat(ipSet.asObject().toString()).contains("FirewallAllowedCidrs");
    template.hasResourceProperties("AWS::WAFv2::IPSet", Map.of(
        "IPAddressVersion", "IPV4", "Scope", "REGIONAL", "Addresses", List.of("10.0.0.0/8")));
  }

  @Test
  void resourcePolicyAllowsGetUploadAndDeniesOutsideAllowedCidrs() {
    template.hasResourceProperties("AWS::ApiGateway::RestApi", Map.of("Policy", Map.of("Statement", List.of(
        Map.of("Sid", "AllowUploadCalls", "Effect", "Allow", "Principal", Map.of("AWS", "*"),
            "Action", "execute-api:Invoke", "Resource", "execute-api:/*/GET/upload*"),
        Map.of("Sid", "DenyOutsideAllowedCidrs", "Effect", "Deny", "Principal", Map.of("AWS", "*"),
            "Action", "execute-api:Invoke", "Resource", "execute-api:/*",
            "Condition", Map.of("NotIpAddress", Map.of("aws:SourceIp", List.of("10.0.0.0/8"))))))));
  }

  @Test
  void uploadMethodRequiresCognitoWithTheScopeAndAValidator() {
    template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
        "HttpMethod", "GET",
        "AuthorizationType", "COGNITO_USER_POOLS",
        "AuthorizationScopes", List.of("m2m-api/m2m-custom"),
        "RequestValidatorId", Match.anyValue(),
        "Integration", Match.objectLike(Map.of("Type", "AWS_PROXY")))));
    template.hasResourceProperties("AWS::ApiGateway::Authorizer", Map.of(
        "Type", "COGNITO_USER_POOLS",
        "ProviderARNs", List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AuthenticationUserPool.*"), "Arn")))));
    template.hasResourceProperties("AWS::ApiGateway::RequestValidator", Map.of("ValidateRequestParameters", true));
    template.hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "upload"));
    template.hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "{proxy+}"));
  }

  @Test
  void stageLogsAccessAsJsonTracesAndDoesNotCache() {
    Capture format = new Capture();
    template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
        "StageName", "prod",
        "TracingEnabled", true,
        "CacheClusterEnabled", false,
        "AccessLogSetting", Map.of("DestinationArn", Match.anyValue(), "Format", format),
        "MethodSettings", List.of(Match.objectLike(Map.of(
            "LoggingLevel", "INFO", "CachingEnabled", false, "DataTraceEnabled", false,
            "HttpMethod", "*", "ResourcePath", "/*")))));
    assertThat(format.asString()).contains(
        "\"requestId\"", "\"ip\"", "\"caller\"", "\"user\"", "\"requestTime\"", "\"httpMethod\"",
        "\"resourcePath\"", "\"status\"", "\"protocol\"", "\"responseLength\"");
  }

  @Test
  void everyLogGroupIsEncryptedWithTheStackKeyAndRetained() {
    Map<String, Map<String, Object>> logGroups = template.findResources("AWS::Logs::LogGroup");
    assertThat(logGroups).hasSize(4).allSatisfy((id, resource) -> {
      assertThat(resource).containsEntry("DeletionPolicy", "Retain");
      @SuppressWarnings("unchecked")
      Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
      assertThat(properties.get("KmsKeyId").toString()).contains("EncryptionKey");
      assertThat(properties).containsEntry("RetentionInDays", 365);
    });
  }

  @Test
  void wafLogsWithAuthorizationAndCookieRedacted() {
    template.hasResourceProperties("AWS::WAFv2::LoggingConfiguration", Map.of(
        "RedactedFields", List.of(
            Map.of("SingleHeader", Map.of("Name", "authorization")),
            Map.of("SingleHeader", Map.of("Name", "cookie"))),
        "LogDestinationConfigs", List.of(Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
            ":log-group:aws-waf-logs-acme-dev-sales-m2m-api-waf")))))));
  }

  @Test
  void userPoolHasNoSelfSignUpNoRecoveryAndEnforcedAdvancedSecurity() {
    template.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
        "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", true),
        "AccountRecoverySetting", Map.of("RecoveryMechanisms", List.of(Map.of("Name", "admin_only", "Priority", 1))),
        "UserPoolAddOns", Map.of("AdvancedSecurityMode", "ENFORCED"),
        "LambdaConfig", Map.of("PostAuthentication", Map.of("Fn::GetAtt",
            List.of(Match.stringLikeRegexp("AuthenticationPostAuthenticationFunction.*"), "Arn"))))));
    template.hasResourceProperties("AWS::Cognito::UserPoolResourceServer", Map.of(
        "Identifier", "m2m-api", "Scopes", List.of(Match.objectLike(Map.of("ScopeName", "m2m-custom")))));
  }

  @Test
  void integrationFunctionRunsOurHandlerWithReservedConcurrencyAndTracing() {
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", "dev.lakegate.lambda.UploadHandler",
        "Runtime", "java21",
        "ReservedConcurrentExecutions", 10,
        "TracingConfig", Map.of("Mode", "Active"),
        "KmsKeyArn", Match.anyValue(),
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "TARGET_BUCKET", "landing-bucket-name",
            "TARGET_PREFIX", "testing",
            "METADATA_TARGET_PREFIX", "testing",
            "EVENT_METADATA_MAPPINGS", "{}",
            "EXPIRY_TIME_SECONDS", "600"))))));
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", "dev.lakegate.lambda.PostAuthenticationLogger",
        "Runtime", "java21",
        "TracingConfig", Map.of("Mode", "Active"))));
  }

  @Test
  void createdIntegrationRoleMayWriteOnlyUnderTheConfiguredPrefixes() {
    Capture resources = new Capture();
    template.hasResourceProperties("AWS::IAM::ManagedPolicy", Match.objectLike(Map.of(
        "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Sid", "WriteUploadsAndMetadata",
            "Action", List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"),
            "Resource", resources)))))))));
    assertThat(resources.asObject().toString())
        .contains(":s3:::landing-bucket-name/testing/*")
        .doesNotContain("landing-bucket-name/*");
  }

  @Test
  void createdIntegrationRoleMayListOnlyTheMultipartRecords() {
    template.hasResourceProperties("AWS::IAM::ManagedPolicy", Match.objectLike(Map.of(
        "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Sid", "TellMissingMultipartRecords",
            "Action", "s3:ListBucket",
            "Condition", Map.of("StringLike", Map.of("s3:prefix", List.of(".lakegate/multipart/*"))))))))))));
  }

  @Test
  void newKeyRotatesAndIsAdministeredByTheAdminRoles() {
    template.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of(
        "EnableKeyRotation", true,
        "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Sid", "AdminRole1",
            "Condition", Map.of("ArnLike", Map.of("aws:PrincipalArn", Map.of("Fn::Join", List.of("", List.of(
                "arn:", Map.of("Ref", "AWS::Partition"), ":iam::", Map.of("Ref", "AWS::AccountId"),
                ":role/test-admin-role-arn")))))))))))));
  }

  @Test
  void outputsUserPoolTokenEndpointAndStageUrlOnly() {
    assertThat(template.findOutputs("*")).containsOnlyKeys("UserPoolId", "TokenEndpoint", "StageUrl");
    template.hasOutput("TokenEndpoint", Map.of("Value", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
        ".amazoncognito.com/oauth2/token"))))));
  }
}
