package dev.lakegate.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The template of the comprehensive example: every optional key changes the template as it
 * should ({@code kmsKeyArn}, {@code integrationLambdaRoleArn}, {@code wafArns}, {@code appClients},
 * {@code requestParameters}, {@code metadataTargetPrefix}), with no finding of the rule packs.
 */
class ComprehensiveStackTemplateTest {
  private static M2mApiStack stack;
  private static Template template;

  @BeforeAll
  static void synthesize() {
    stack = TestStacks.stack(TestStacks.load(TestStacks.COMPREHENSIVE));
    template = Template.fromStack(stack);
  }

  @Test
  void rulePacksReportNothingUnsuppressed() {
    TestStacks.assertNoUnsuppressedFindings(stack);
  }

  @Test
  void createsNoKeyWhenKmsKeyArnIsGivenAndEncryptsWithThatKey() {
    template.resourceCountIs("AWS::KMS::Key", 0);
    template.resourceCountIs("AWS::KMS::Alias", 0);
    Map<String, Object> configuredKey = Map.of("Fn::Join", List.of("", List.of(
        "arn:", Map.of("Ref", "AWS::Partition"), ":kms:", Map.of("Ref", "AWS::Region"), ":",
        Map.of("Ref", "AWS::AccountId"), ":key/test-kms-key-id")));
    assertThat(template.findResources("AWS::Logs::LogGroup", Map.of("Properties", Map.of("KmsKeyId", configuredKey))))
        .hasSize(4);
    assertThat(template.findResources("AWS::Lambda::Function", Map.of("Properties", Map.of("KmsKeyArn", configuredKey))))
        .hasSize(2);
  }

  @Test
  void reusesTheConfiguredIntegrationRoleAndCreatesOnlyThePostAuthenticationRole() {
    template.resourceCountIs("AWS::IAM::Role", 1);
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", "dev.lakegate.lambda.UploadHandler",
        "Role", Map.of("Fn::Join", List.of("", List.of(
            "arn:", Map.of("Ref", "AWS::Partition"), ":iam::", Map.of("Ref", "AWS::AccountId"),
            ":role/some-lambda-role-arn"))))));
  }

  @Test
  void associatesItsWebAclAndOnePerWafArnsEntry() {
    template.resourceCountIs("AWS::WAFv2::WebACLAssociation", 1 + 1);
    template.hasResourceProperties("AWS::WAFv2::WebACLAssociation", Map.of(
        "WebACLArn", "test-waf-arn", "ResourceArn", Match.anyValue()));
    template.hasResourceProperties("AWS::WAFv2::WebACLAssociation", Map.of(
        "WebACLArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("FirewallWebAcl.*"), "Arn")),
        "ResourceArn", Match.anyValue()));
  }

  @Test
  void ipSetAndResourcePolicyHoldEveryAllowedCidr() {
    List<String> cidrs = List.of("10.0.0.0/8", "192.168.0.0/16", "172.16.0.0/12");
    template.hasResourceProperties("AWS::WAFv2::IPSet", Map.of("Addresses", cidrs));
    template.hasResourceProperties("AWS::ApiGateway::RestApi", Map.of("Policy", Match.objectLike(Map.of(
        "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Effect", "Deny", "Condition", Map.of("NotIpAddress", Map.of("aws:SourceIp", cidrs))))))))));
  }

  @Test
  void oneClientCredentialsAppClientPerEntryWithTokenValiditiesInMinutes() {
    template.resourceCountIs("AWS::Cognito::UserPoolClient", 1);
    template.hasResourceProperties("AWS::Cognito::UserPoolClient", Map.ofEntries(
        Map.entry("ClientName", "test-client"),
        Map.entry("UserPoolId", Match.anyValue()),
        Map.entry("AllowedOAuthFlows", List.of("client_credentials")),
        Map.entry("AllowedOAuthFlowsUserPoolClient", true),
        Map.entry("AllowedOAuthScopes", List.of(Map.of("Fn::Join", List.of("", List.of(
            Map.of("Ref", Match.stringLikeRegexp("AuthenticationUserPoolResourceServer.*")), "/m2m-custom"))))),
        Map.entry("ExplicitAuthFlows", List.of("ALLOW_REFRESH_TOKEN_AUTH")),
        Map.entry("GenerateSecret", true),
        Map.entry("EnableTokenRevocation", true),
        Map.entry("PreventUserExistenceErrors", "ENABLED"),
        Map.entry("SupportedIdentityProviders", List.of("COGNITO")),
        Map.entry("AccessTokenValidity", 24),
        Map.entry("IdTokenValidity", 60),
        Map.entry("RefreshTokenValidity", 24 * 60),
        Map.entry("TokenValidityUnits", Map.of("AccessToken", "minutes", "IdToken", "minutes", "RefreshToken", "minutes"))));
  }

  @Test
  void requestParametersAreDeclaredValidatedAndMappedThrough() {
    template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
        "RequestValidatorId", Map.of("Ref", Match.stringLikeRegexp("UploadApiValidator.*")),
        "RequestParameters", Map.of(
            "method.request.path.proxy", true,
            "method.request.querystring.test_required_param", true,
            "method.request.querystring.test_opt_param", false),
        "Integration", Match.objectLike(Map.of("RequestParameters", Map.of(
            "integration.request.path.proxy", "method.request.path.proxy",
            "integration.request.querystring.test_required_param", "method.request.querystring.test_required_param",
            "integration.request.querystring.test_opt_param", "method.request.querystring.test_opt_param"))))));
  }

  @Test
  void functionEnvironmentCarriesPrefixesMappingsAndRequestParameters() {
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Handler", "dev.lakegate.lambda.UploadHandler",
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "TARGET_PREFIX", "testing",
            "METADATA_TARGET_PREFIX", "metadata-testing",
            "EVENT_METADATA_MAPPINGS", "{\"Resource\":\"resource\",\"Host\":\"headers.Host\",\"UserAgent\":"
                + "\"headers.User-Agent\",\"IPForwarding\":\"headers.X-Forwarded-For\",\"RequestTime\":"
                + "\"requestContext.requestTime\",\"queryStringParameters\":\"queryStringParameters\"}",
            "REQUEST_PARAMETERS", "{\"test_required_param\":true,\"test_opt_param\":false}"))))));
  }

  @Test
  void leavesNoStandInOfTheOpenAccountOrRegionInTheTemplate() {
    String json = template.toJSON().toString();
    assertThat(DeployTimeValues.hasStandIn(json)).as(json).isFalse();
  }
}
