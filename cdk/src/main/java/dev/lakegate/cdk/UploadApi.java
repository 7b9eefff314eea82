package dev.lakegate.cdk;

import dev.lakegate.core.config.ApiConfig;
import dev.lakegate.core.net.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * The upload API of the AWS deployment ({@code contract.md} §4, §9): a regional REST API whose
 * resource policy allows only {@code GET /upload*} and denies every source outside
 * {@code allowedCidrs}; one stage with JSON access logs, X-Ray tracing, INFO method logging and
 * no caching; and {@code GET /upload/{proxy+}} behind the Cognito authorizer with scope
 * {@code m2m-api/m2m-custom}, the configured query parameters and a validator, proxied to the
 * integration function. Every method of the API requires that authorizer; there is no option to
 * relax it.
 */
public final class UploadApi extends Construct {

  public final RestApi api;
  public final EncryptedLogGroup accessLogs;
  public final CognitoUserPoolsAuthorizer authorizer;
  public final RequestValidator validator;
  public final Method uploadMethod;

  public UploadApi(Construct scope, String id, M2mApiStackProps props, ClientAuthentication auth, IntegrationFunction integration, IKey key) {
    super(scope, id);
    ApiConfig config = props.api();
    ResourceNames names = props.names();
    this.accessLogs = new EncryptedLogGroup(this, "AccessLogs", "/aws/apigateway/" + names.name("access", StackDefaults.LOG_GROUP_NAME_MAX - 16), key);
    this.authorizer = CognitoUserPoolsAuthorizer.Builder.create(this, "Authorizer")
        .authorizerName(names.name("authorizer", StackDefaults.REST_API_NAME_MAX))
        .cognitoUserPools(List.of(auth.userPool))
        .build();
    this.api = RestApi.Builder.create(this, "Api")
        .restApiName(names.name("api", StackDefaults.REST_API_NAME_MAX))
        .description("Upload API of " + names.base())
        .endpointTypes(List.of(EndpointType.REGIONAL))
        .policy(resourcePolicy(config.allowedCidrs()))
        .cloudWatchRole(config.setAccountCloudWatchRole())
        .deployOptions(stageOptions(config.stageName()))
        .defaultMethodOptions(authorized())
        .build();
    // The stack has its own StageUrl output; the one RestApi adds by itself would be a duplicate.
    this.api.getNode().tryRemoveChild("Endpoint");
    this.validator = requestValidator(names);
    var proxy = this.api.getRoot().addResource(StackDefaults.UPLOAD_PATH).addResource("{proxy+}");
    this.uploadMethod = proxy.addMethod("GET", integration(config, integration), MethodOptions.builder()
        .authorizationType(AuthorizationType.COGNITO)
        .authorizer(authorizer)
        .authorizationScopes(List.of(StackDefaults.FULL_SCOPE))
        .requestValidator(validator)
        .requestParameters(methodParameters(config))
        .build());
    exemptStage();
    if (config.setAccountCloudWatchRole()) {
      exemptCloudWatchRole();
    }
  }

  private void exemptCloudWatchRole() {
    Exemption.apply(api.getNode().findChild("CloudWatchRole"), List.of(Exemption.awsSolutions("IAM4",
        "The account-level role API Gateway writes its logs with: AWS's own policy for exactly that"
            + " service role, which AWS keeps in step with the service",
        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs")));
  }

  private void exemptStage() {
    List<Exemption> exemptions = new ArrayList<>();
    exemptions.addAll(Exemption.inPacks("APIGWCacheEnabledAndEncrypted",
        "Caching is off on purpose: every answer is a presigned URL for one caller, and a cached answer"
            + " would hand it to another",
        Exemption.NIST, Exemption.HIPAA, Exemption.PCI));
    exemptions.addAll(Exemption.inPacks("APIGWSSLEnabled",
        "Backend client certificates apply to HTTP integrations only; the one integration is a Lambda"
            + " function invoked through the IAM-signed Lambda API",
        Exemption.NIST, Exemption.HIPAA, Exemption.PCI));
    Exemption.apply(api.getDeploymentStage(), exemptions);
  }

  private RequestValidator requestValidator(ResourceNames names) {
    return api.addRequestValidator("Validator", RequestValidatorOptions.builder()
        .requestValidatorName(names.name("validator", StackDefaults.REST_API_NAME_MAX))
        .validateRequestParameters(true)
        // cdk-nag's APIG2 wants both; a GET without request models has no body to check.
        .validateRequestBody(true)
        .build());
  }

  private MethodOptions authorized() {
    return MethodOptions.builder()
        .authorizationType(AuthorizationType.COGNITO)
        .authorizer(authorizer)
        .authorizationScopes(List.of(StackDefaults.FULL_SCOPE))
        .build();
  }

  private StageOptions stageOptions(String stageName) {
    return StageOptions.builder()
        .stageName(stageName)
        .accessLogDestination(new LogGroupLogDestination(accessLogs.logGroup))
        .accessLogFormat(AccessLogFormat.jsonWithStandardFields(JsonWithStandardFieldProps.builder()
            .caller(true).httpMethod(true).ip(true).protocol(true).requestTime(true)
            .resourcePath(true).responseLength(true).status(true).user(true)
            .build()))
        .tracingEnabled(true)
        .loggingLevel(MethodLoggingLevel.INFO)
        // Full request/response logging would write tokens and presigned URLs into the logs.
        .dataTraceEnabled(false)
        .metricsEnabled(true)
        // Every answer is a fresh presigned URL for one caller: a cached one would go to another.
        .cachingEnabled(false)
        .cacheClusterEnabled(false)
        .build();
  }

  private static PolicyDocument resourcePolicy(List<Cidr> allowedCidrs) {
    List<String> cidrs = allowedCidrs.stream().map(Cidr::toString).toList();
    return PolicyDocument.Builder.create()
        .statements(List.of(
            PolicyStatement.Builder.create()
                .sid("AllowUploadCalls")
                .effect(Effect.ALLOW)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("execute-api:Invoke"))
                .resources(List.of("execute-api:/*/GET/" + StackDefaults.UPLOAD_PATH + "*"))
                .build(),
            PolicyStatement.Builder.create()
                .sid("DenyOutsideAllowedCidrs")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("execute-api:Invoke"))
                .resources(List.of("execute-api:/*"))
                .conditions(Map.of("NotIpAddress", Map.of("aws:SourceIp", cidrs)))
                .build()))
        .build();
  }

  private static Map<String, Boolean> methodParameters(ApiConfig api) {
    Map<String, Boolean> parameters = new LinkedHashMap<>();
    parameters.put("method.request.path.proxy", true);
    api.requestParameters().forEach((name, required) -> parameters.put("method.request.querystring." + name, required));
    return parameters;
  }

  private static LambdaIntegration integration(ApiConfig api, IntegrationFunction integration) {
    Map<String, String> mapped = new LinkedHashMap<>();
    mapped.put("integration.request.path.proxy", "method.request.path.proxy");
    api.requestParameters().keySet().forEach(name ->
        mapped.put("integration.request.querystring." + name, "method.request.querystring." + name));
    return LambdaIntegration.Builder.create(integration.handler.function)
        .proxy(true)
        .requestParameters(mapped)
        .build();
  }
}
